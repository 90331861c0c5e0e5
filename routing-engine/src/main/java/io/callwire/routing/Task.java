package io.callwire.routing;

import io.callwire.core.model.Channel;

import java.util.Map;
import java.util.Set;

/**
 * A piece of work waiting for, offered to or assigned to an agent: a queued inbound call, or work a host
 * submitted (a callback or outbound call to dial, a chat, an e-mail, a work item).
 */
final class Task {
    final String id;
    final String switchId;
    /** The call the task is about: the queued call, or the call placed for a dial task once it connects. */
    String callId;
    final String legId;
    final Channel channel;
    /** Number to call from the agent's station once the agent accepts; empty unless a dial task. */
    final String dial;
    /** When the task first joined a routed queue; an overflow keeps it, so the caller keeps its wait. */
    final long queuedAt;
    /** Arrival order, to break ties. */
    final long order;
    RoutingQueue queue;
    /** Base priority: higher is served first. */
    int priority;
    /** Order key of priority plus age (see {@link TaskLine}); higher is better. */
    double key;
    Map<String, String> data;
    /** An agent to offer the task to first when available ("" for none), and why (preferred, sticky). */
    String preferredAgent = "";
    String preferredBecause = "";
    Set<String> excluded = Set.of();
    /** The queue variant its requirements bind to, and the widening level reached (0 = the queue's own). */
    QueueState.Variant variant;
    int step;
    /** The waiting line holding the task, null while offered or done; its neighbours by arrival there. */
    TaskLine line;
    Task olderArrival;
    Task newerArrival;
    /** The priority bucket of its line while ranked (not returned), and its neighbours there. */
    TaskLine.Bucket bucket;
    Task bucketPrev;
    Task bucketNext;
    String reservationId = "";
    /** The leg ringing at the reserved agent's station, once the switch reports it. */
    String offeredLegId = "";
    RoutedAgent agent;
    long offerExpiresAt;
    /** A dial task's agent accepted and the call is being placed. */
    boolean dialing;
    long assignedAt;

    Task(String id, String switchId, String callId, String legId, RoutingQueue queue, long queuedAt, int priority,
         long order, Map<String, String> data) {
        this(id, switchId, callId, legId, Channel.VOICE, "", queue, queuedAt, priority, order, data);
    }

    Task(String id, String switchId, String callId, String legId, Channel channel, String dial, RoutingQueue queue,
         long queuedAt, int priority, long order, Map<String, String> data) {
        this.id = id;
        this.switchId = switchId;
        this.callId = callId;
        this.legId = legId;
        this.channel = channel;
        this.dial = dial;
        this.queuedAt = queuedAt;
        this.order = order;
        this.data = data;
        moveTo(queue);
        reprioritize(priority);
    }

    void moveTo(RoutingQueue target) {
        queue = target;
        step = 0;
    }

    /** Sets the base priority and the order key; call only while the task is in no line. */
    void reprioritize(int base) {
        priority = base;
        key = base - queue.ageingPerMinute() * queuedAt / 60_000.0;
    }

    /** Whether the task is a queued call (rather than work a host submitted). */
    boolean isQueuedCall() {
        return !legId.isEmpty();
    }

    boolean allows(RoutedAgent candidate) {
        return excluded.isEmpty() || !excluded.contains(candidate.profile.id());
    }
}

package io.callwire.routing;

import java.util.Map;
import java.util.Set;

/** A piece of work waiting for, offered to or assigned to an agent: for now, a queued inbound call. */
final class Task {
    final String id;
    final String switchId;
    final String callId;
    final String legId;
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
    /** Widening level reached (0 = the queue's own requirement). */
    int step;
    /** The waiting line holding the task, null while offered or done; its neighbours by arrival there. */
    TaskLine line;
    Task olderArrival;
    Task newerArrival;
    String reservationId = "";
    /** The leg ringing at the reserved agent's station, once the switch reports it. */
    String offeredLegId = "";
    RoutedAgent agent;
    long offerExpiresAt;
    long assignedAt;

    Task(String id, String switchId, String callId, String legId, RoutingQueue queue, long queuedAt, int priority,
         long order, Map<String, String> data) {
        this.id = id;
        this.switchId = switchId;
        this.callId = callId;
        this.legId = legId;
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

    boolean allows(RoutedAgent candidate) {
        return excluded.isEmpty() || !excluded.contains(candidate.profile.id());
    }
}

package io.callwire.routing;

/** A piece of work waiting for or offered to an agent: for now, a queued inbound call. */
final class Task {
    final String id;
    final String switchId;
    final String callId;
    final String legId;
    final RoutingQueue queue;
    final long queuedAt;
    /** Base priority: higher is served first. */
    final int priority;
    /** Order key of priority plus age (see {@link TaskLine}); higher is better. */
    final double key;
    /** Arrival order, to break ties. */
    final long order;
    String reservationId = "";
    /** The leg ringing at the reserved agent's station, once the switch reports it. */
    String offeredLegId = "";
    RoutedAgent agent;
    long offerExpiresAt;

    Task(String id, String switchId, String callId, String legId, RoutingQueue queue, long queuedAt, int priority,
         long order) {
        this.id = id;
        this.switchId = switchId;
        this.callId = callId;
        this.legId = legId;
        this.queue = queue;
        this.queuedAt = queuedAt;
        this.priority = priority;
        this.order = order;
        this.key = priority - queue.ageingPerMinute() * queuedAt / 60_000.0;
    }
}

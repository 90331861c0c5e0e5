package io.callwire.routing;

import io.callwire.core.model.AgentState;

/**
 * Running counts of one queue, written by the router on the state thread after every change and published
 * as an immutable {@link QueueStatistics} through a volatile field, so any thread can read them without a lock.
 */
final class QueueCounters {
    private RoutingQueue queue;
    private final int[] agentsByState = new int[AgentState.values().length];
    private long offered;
    private long answered;
    private long abandoned;
    private long overflowed;
    private long answeredInTime;
    private long totalAnswerWait;
    private long handled;
    private long totalHandle;
    private volatile QueueStatistics published;

    QueueCounters(RoutingQueue queue) {
        this.queue = queue;
        this.published = new QueueStatistics(queue.id(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, agentsByState.clone(), 0);
    }

    void offered() {
        offered++;
    }

    void answered(long waitedMillis) {
        answered++;
        totalAnswerWait += waitedMillis;
        if (waitedMillis <= queue.serviceLevel().toMillis()) {
            answeredInTime++;
        }
    }

    void abandoned() {
        abandoned++;
    }

    void overflowed() {
        overflowed++;
    }

    void handled(long handleMillis) {
        handled++;
        totalHandle += handleMillis;
    }

    void agentMoved(AgentState from, AgentState to) {
        agentsByState[from.ordinal()]--;
        agentsByState[to.ordinal()]++;
    }

    /** New rules for the queue (its service-level time may change); the agents are counted afresh. */
    void reconfigure(RoutingQueue rules) {
        this.queue = rules;
        java.util.Arrays.fill(agentsByState, 0);
    }

    void agentJoined(AgentState state) {
        agentsByState[state.ordinal()]++;
    }

    /** Publishes the figures as of engine time {@code now}, with the queue's waiting tasks. */
    void publish(int waiting, long oldestQueuedAt, long now) {
        published = new QueueStatistics(queue.id(), waiting, oldestQueuedAt, offered, answered, abandoned, overflowed,
                answeredInTime, totalAnswerWait, handled, totalHandle, agentsByState.clone(), now);
    }

    QueueStatistics published() {
        return published;
    }
}

package io.callwire.routing;

import io.callwire.core.model.AgentState;

import java.util.Arrays;

/**
 * Running counts of one queue, written by the router on the state thread on every change and read by any
 * thread as an immutable {@link QueueStatistics}. Writes go through a {@link SeqLock}, so keeping the figures
 * current costs the single writer no lock and no allocation; readers copy.
 */
final class QueueCounters {
    private final SeqLock lock = new SeqLock();
    private RoutingQueue queue;
    private final int[] agentsByState = new int[AgentState.values().length];
    private int waiting;
    private long oldestQueuedAt;
    private long offered;
    private long answered;
    private long abandoned;
    private long overflowed;
    private long answeredInTime;
    private long totalAnswerWait;
    private long handled;
    private long totalHandle;
    private long at;

    QueueCounters(RoutingQueue queue) {
        this.queue = queue;
    }

    void offered() {
        lock.beginWrite();
        offered++;
        lock.endWrite();
    }

    void answered(long waitedMillis) {
        lock.beginWrite();
        answered++;
        totalAnswerWait += waitedMillis;
        if (waitedMillis <= queue.serviceLevel().toMillis()) {
            answeredInTime++;
        }
        lock.endWrite();
    }

    void abandoned() {
        lock.beginWrite();
        abandoned++;
        lock.endWrite();
    }

    void overflowed() {
        lock.beginWrite();
        overflowed++;
        lock.endWrite();
    }

    void handled(long handleMillis) {
        lock.beginWrite();
        handled++;
        totalHandle += handleMillis;
        lock.endWrite();
    }

    /** An agent of the queue moved between states at engine time {@code now}. */
    void agentMoved(AgentState from, AgentState to, long now) {
        lock.beginWrite();
        agentsByState[from.ordinal()]--;
        agentsByState[to.ordinal()]++;
        at = now;
        lock.endWrite();
    }

    /** New rules for the queue (its service-level time may change); the agents are counted afresh. */
    void reconfigure(RoutingQueue rules) {
        lock.beginWrite();
        this.queue = rules;
        Arrays.fill(agentsByState, 0);
        lock.endWrite();
    }

    void agentJoined(AgentState state) {
        lock.beginWrite();
        agentsByState[state.ordinal()]++;
        lock.endWrite();
    }

    void agentLeft(AgentState state) {
        lock.beginWrite();
        agentsByState[state.ordinal()]--;
        lock.endWrite();
    }

    /** The waiting line as of engine time {@code now}. */
    void waiting(int count, long oldest, long now) {
        lock.beginWrite();
        waiting = count;
        oldestQueuedAt = oldest;
        at = now;
        lock.endWrite();
    }

    /** A consistent copy of the figures; any thread. */
    QueueStatistics published() {
        return lock.read(() -> new QueueStatistics(queue.id(), waiting, oldestQueuedAt, offered, answered, abandoned,
                overflowed, answeredInTime, totalAnswerWait, handled, totalHandle, agentsByState.clone(), at));
    }
}

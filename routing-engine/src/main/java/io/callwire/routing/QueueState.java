package io.callwire.routing;

/**
 * One routed queue's live routing state: a waiting line per widening level, who may take its tasks at each
 * level, and its counters. Owned by the router on the state thread.
 */
final class QueueState {
    final RoutingQueue queue;
    final TaskLine[] lines;
    final AgentPool.Eligibility[] eligibility;
    final QueueCounters counters;
    /** Ordinal of the agent the queue chose last, for round robin. */
    int lastOrdinal = -1;
    /** Marks the queue as looked at during one agent's return to the pool. */
    long visit;

    QueueState(RoutingQueue queue) {
        this.queue = queue;
        int levels = queue.widening().size() + 1;
        this.lines = new TaskLine[levels];
        this.eligibility = new AgentPool.Eligibility[levels];
        for (int i = 0; i < levels; i++) {
            lines[i] = new TaskLine();
            eligibility[i] = new AgentPool.Eligibility(queue.id(), queue.requirementAt(i));
        }
        this.counters = new QueueCounters(queue);
    }

    int waiting() {
        int n = 0;
        for (TaskLine line : lines) {
            n += line.size();
        }
        return n;
    }

    /** The task that has waited longest across all levels, or null. */
    Task oldest() {
        Task oldest = null;
        for (TaskLine line : lines) {
            Task t = line.oldest();
            if (t != null && (oldest == null || t.queuedAt < oldest.queuedAt)) {
                oldest = t;
            }
        }
        return oldest;
    }

    /** The task served next across all levels, or null. */
    Task next() {
        Task best = null;
        for (TaskLine line : lines) {
            Task head = line.peekFirst();
            if (head != null && (best == null || TaskLine.before(head, best))) {
                best = head;
            }
        }
        return best;
    }

    /** Whether an agent with this profile may take the queue's tasks at some level. */
    boolean servedBy(AgentProfile profile) {
        for (AgentPool.Eligibility e : eligibility) {
            if (profile.serves(queue.id(), e.requirement)) {
                return true;
            }
        }
        return false;
    }

    void publish(long now) {
        Task oldest = oldest();
        counters.publish(waiting(), oldest == null ? 0 : oldest.queuedAt, now);
    }
}

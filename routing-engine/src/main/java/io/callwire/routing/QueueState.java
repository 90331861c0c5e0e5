package io.callwire.routing;

import io.callwire.core.model.Channel;

/**
 * One routed queue's live routing state: a waiting line per channel and widening level, who may take its
 * tasks at each (per channel pool), and its counters. Owned by the router on the state thread.
 */
final class QueueState {
    private static final int CHANNELS = Channel.values().length;

    final RoutingQueue queue;
    final int levels;
    /** Lines and eligibilities indexed by {@link #index}. */
    final TaskLine[] lines;
    final AgentPool.Eligibility[] eligibility;
    final QueueCounters counters;
    /** Ordinal of the agent the queue chose last, for round robin. */
    int lastOrdinal = -1;
    /** Marks the queue as looked at during one agent's return to the pool. */
    long visit;

    QueueState(RoutingQueue queue) {
        this.queue = queue;
        this.levels = queue.widening().size() + 1;
        this.lines = new TaskLine[CHANNELS * levels];
        this.eligibility = new AgentPool.Eligibility[CHANNELS * levels];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new TaskLine();
            eligibility[i] = new AgentPool.Eligibility(queue.id(), queue.requirementAt(i % levels));
        }
        this.counters = new QueueCounters(queue);
    }

    /** Where the line of a channel at a widening level is. */
    int index(Channel channel, int step) {
        return channel.ordinal() * levels + step;
    }

    TaskLine line(Task task) {
        return lines[index(task.channel, task.step)];
    }

    int waiting() {
        int n = 0;
        for (TaskLine line : lines) {
            n += line.size();
        }
        return n;
    }

    /** The task that has waited longest across all lines, or null. */
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

    /** The task of a channel served next across all levels, or null. */
    Task next(Channel channel) {
        Task best = null;
        for (int step = 0; step < levels; step++) {
            Task head = lines[index(channel, step)].peekFirst();
            if (head != null && (best == null || TaskLine.before(head, best))) {
                best = head;
            }
        }
        return best;
    }

    /** Whether an agent with this profile may take the queue's tasks at some level. */
    boolean servedBy(AgentProfile profile) {
        for (int step = 0; step < levels; step++) {
            if (profile.serves(queue.id(), eligibility[step].requirement)) {
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

package io.callwire.routing;

/**
 * The task every routed queue serves next on each channel, with what ranks it (order key, arrival, the queue's
 * ageing), kept current as lines change, in flat arrays indexed by queue. An agent comparing the queues it works
 * reads a few small arrays instead of several objects per queue. Owned by the router on the state thread.
 */
final class NextTasks {
    private final int queues;
    private final Task[] task;
    private final double[] key;
    private final long[] queuedAt;
    private final double[] ageing;
    /** Marks a queue as looked at during one agent's return to the pool. */
    private final long[] visit;

    NextTasks(int queues, int channels) {
        this.queues = queues;
        this.task = new Task[queues * channels];
        this.key = new double[queues * channels];
        this.queuedAt = new long[queues * channels];
        this.ageing = new double[queues];
        this.visit = new long[queues];
    }

    /** The queue's next task of a channel changed to {@code next} (null for none). */
    void set(int queue, int channel, Task next) {
        int i = channel * queues + queue;
        task[i] = next;
        if (next != null) {
            key[i] = next.key;
            queuedAt[i] = next.queuedAt;
        }
    }

    /** The queue was reconfigured: no next tasks until its lines fill again, and this ageing. */
    void reset(int queue, double ageingPerMinute) {
        for (int i = queue; i < task.length; i += queues) {
            task[i] = null;
        }
        ageing[queue] = ageingPerMinute;
    }

    void visit(int queue, long mark) {
        visit[queue] = mark;
    }

    /**
     * Among {@code candidates} (queue indexes) not yet marked with {@code mark}, the one whose next task of the
     * channel is the most pressing at {@code now}: higher effective priority (priority plus age), then waiting
     * longer, then first in {@code candidates}; -1 when none has a task.
     */
    int mostPressing(int[] candidates, int channel, long mark, long now) {
        int base = channel * queues;
        int best = -1;
        double bestPressure = 0;
        for (int q : candidates) {
            int i = base + q;
            if (visit[q] == mark || task[i] == null) {
                continue;
            }
            double pressure = key[i] + ageing[q] * now / 60_000.0;
            if (best < 0 || (pressure != bestPressure ? pressure > bestPressure : queuedAt[i] < queuedAt[base + best])) {
                best = q;
                bestPressure = pressure;
            }
        }
        return best;
    }
}

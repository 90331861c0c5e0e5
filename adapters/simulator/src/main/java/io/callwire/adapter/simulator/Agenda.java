package io.callwire.adapter.simulator;

import java.util.PriorityQueue;

/**
 * The simulator's virtual clock and its list of things to happen, ordered by time and then by the order they
 * were scheduled, so equal times always run in the same order. Used by the simulator thread only, except
 * {@link #time()}, which any thread may read.
 */
final class Agenda {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;
    private long now;
    /** {@link #now} published for other threads. */
    private volatile long time;
    private int pendingWork;

    Agenda(long start) {
        this.now = start;
        this.time = start;
    }

    /** Current virtual time, epoch ms. */
    long now() {
        return now;
    }

    /** Current virtual time as last published by the simulator thread; readable from any thread. */
    long time() {
        return time;
    }

    /** Moves the clock forward to {@code at} (never backwards), e.g. when a command arrives in real time. */
    void advanceTo(long at) {
        if (at > now) {
            now = at;
            time = at;
        }
    }

    /** Schedules work {@code delayMillis} from now. */
    Task after(long delayMillis, Runnable action) {
        return schedule(now + Math.max(0, delayMillis), true, action);
    }

    /** Schedules a clock tick; ticks alone do not keep an as-fast-as-possible run going. */
    Task tick(long at, Runnable action) {
        return schedule(at, false, action);
    }

    private Task schedule(long at, boolean work, Runnable action) {
        Task task = new Task(at, order++, work, action);
        tasks.add(task);
        if (work) {
            pendingWork++;
        }
        return task;
    }

    /** Whether any work (not only ticks) is scheduled. */
    boolean hasWork() {
        return pendingWork > 0;
    }

    /** The next live task, or null. */
    Task peek() {
        Task next = tasks.peek();
        while (next != null && next.cancelled) {
            tasks.poll();
            next = tasks.peek();
        }
        return next;
    }

    /** Runs the next live task at its time. */
    void runNext() {
        Task task = peek();
        if (task == null) {
            return;
        }
        tasks.poll();
        if (task.work) {
            pendingWork--;
        }
        task.done = true;
        advanceTo(task.at);
        task.action.run();
    }

    /** Something scheduled to happen at a virtual time. */
    final class Task {
        final long at;
        private final long order;
        private final boolean work;
        private final Runnable action;
        private boolean cancelled;
        private boolean done;

        private Task(long at, long order, boolean work, Runnable action) {
            this.at = at;
            this.order = order;
            this.work = work;
            this.action = action;
        }

        /** Cancels the task if it has not run yet. */
        void cancel() {
            if (!cancelled && !done) {
                cancelled = true;
                if (work) {
                    pendingWork--;
                }
            }
        }
    }
}

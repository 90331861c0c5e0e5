package io.callwire.routing;

import io.callwire.core.model.Channel;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The tasks waiting in one queue at one widening level, best first. Tasks whose offer failed come back to
 * the head, in the order they came back. The others are ordered by priority plus age: with the queue's
 * ageing rate {@code r} (points per minute), a task's effective priority at time {@code t} is
 * {@code p + r * (t - queuedAt)}, so the order of two tasks never changes over time and the static key
 * {@code p - r * queuedAt} sorts them; a low-priority task still overtakes newer high-priority ones once it
 * has waited long enough. Beside that order the line keeps its tasks by arrival (an intrusive list), so the
 * oldest is found in O(1) for widening, maximum wait and longest-wait statistics.
 */
final class TaskLine {
    private static final Comparator<Task> BEST_FIRST =
            Comparator.<Task>comparingDouble(t -> -t.key).thenComparingLong(t -> t.order);

    private final QueueState owner;
    private final Channel channel;
    private final ArrayDeque<Task> returned = new ArrayDeque<>();
    private final TreeSet<Task> ranked = new TreeSet<>(BEST_FIRST);
    /** The best ranked task, kept so that looking at the head of many lines touches no tree. */
    private Task best;
    private Task oldest;
    private Task newest;

    /** A line of {@code owner}'s tasks of one channel, which it tells when its head may have changed. */
    TaskLine(QueueState owner, Channel channel) {
        this.owner = owner;
        this.channel = channel;
    }

    /** A line on its own (tests). */
    TaskLine() {
        this(null, Channel.VOICE);
    }

    void add(Task task) {
        ranked.add(task);
        if (best == null || BEST_FIRST.compare(task, best) < 0) {
            best = task;
        }
        link(task);
        changed();
    }

    /** Puts a task whose offer failed at the head of the line. */
    void addFirst(Task task) {
        returned.addFirst(task);
        link(task);
        changed();
    }

    private void changed() {
        if (owner != null) {
            owner.lineChanged(channel);
        }
    }

    boolean isEmpty() {
        return oldest == null;
    }

    int size() {
        return returned.size() + ranked.size();
    }

    /** The task to serve next, or null. */
    Task peekFirst() {
        return returned.isEmpty() ? best : returned.peekFirst();
    }

    /** Whether {@code a} is served before {@code b}, both heads of lines of the same queue. */
    static boolean before(Task a, Task b) {
        boolean aReturned = a.line != null && a.line.returned.peekFirst() == a;
        boolean bReturned = b.line != null && b.line.returned.peekFirst() == b;
        if (aReturned != bReturned) {
            return aReturned;
        }
        return BEST_FIRST.compare(a, b) < 0;
    }

    /** How many tasks of this line are served before {@code target} (which may wait in another line). */
    int countBefore(Task target) {
        boolean targetReturned = target.line != null && target.line.returned.contains(target);
        int n = 0;
        for (Task t : returned) {
            if (t == target) {
                return n;
            }
            if (!targetReturned || target.line == this) {
                n++;
            }
        }
        return targetReturned ? n : n + ranked.headSet(target, false).size();
    }

    void remove(Task task) {
        if (task.line != this) {
            return;
        }
        if (ranked.remove(task)) {
            if (task == best) {
                best = ranked.isEmpty() ? null : ranked.first();
            }
        } else {
            returned.remove(task);
        }
        unlink(task);
        changed();
    }

    /** The task that has waited longest (by first arrival in a routed queue), or null. */
    Task oldest() {
        return oldest;
    }

    /** When the task that has waited longest joined, 0 when none waits. */
    long oldestQueuedAt() {
        return oldest == null ? 0 : oldest.queuedAt;
    }

    private void link(Task task) {
        task.line = this;
        Task after = newest;
        while (after != null && after.queuedAt > task.queuedAt) {
            after = after.olderArrival;
        }
        task.olderArrival = after;
        task.newerArrival = after == null ? oldest : after.newerArrival;
        if (task.newerArrival == null) {
            newest = task;
        } else {
            task.newerArrival.olderArrival = task;
        }
        if (after == null) {
            oldest = task;
        } else {
            after.newerArrival = task;
        }
    }

    private void unlink(Task task) {
        if (task.olderArrival == null) {
            oldest = task.newerArrival;
        } else {
            task.olderArrival.newerArrival = task.newerArrival;
        }
        if (task.newerArrival == null) {
            newest = task.olderArrival;
        } else {
            task.newerArrival.olderArrival = task.olderArrival;
        }
        task.olderArrival = null;
        task.newerArrival = null;
        task.line = null;
    }
}

package io.callwire.routing;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The tasks waiting in one queue, best first. Tasks whose offer failed come back to the head, in the order
 * they came back. The others are ordered by priority plus age: with the queue's ageing rate {@code r}
 * (points per minute), a task's effective priority at time {@code t} is {@code p + r * (t - queuedAt)}, so
 * the order of two tasks never changes over time and the static key {@code p - r * queuedAt} sorts them;
 * a low-priority task still overtakes newer high-priority ones once it has waited long enough.
 */
final class TaskLine {
    private static final Comparator<Task> BEST_FIRST =
            Comparator.<Task>comparingDouble(t -> -t.key).thenComparingLong(t -> t.order);

    private final ArrayDeque<Task> returned = new ArrayDeque<>();
    private final TreeSet<Task> ranked = new TreeSet<>(BEST_FIRST);

    void add(Task task) {
        ranked.add(task);
    }

    /** Puts a task whose offer failed at the head of the line. */
    void addFirst(Task task) {
        returned.addFirst(task);
    }

    boolean isEmpty() {
        return returned.isEmpty() && ranked.isEmpty();
    }

    int size() {
        return returned.size() + ranked.size();
    }

    Task pollFirst() {
        return returned.isEmpty() ? ranked.pollFirst() : returned.pollFirst();
    }

    void remove(Task task) {
        if (!ranked.remove(task)) {
            returned.remove(task);
        }
    }

    /** When the task that has waited longest joined, 0 when none waits. */
    long oldestQueuedAt() {
        if (isEmpty()) {
            return 0;
        }
        long oldest = Long.MAX_VALUE;
        for (Task task : returned) {
            oldest = Math.min(oldest, task.queuedAt);
        }
        for (Task task : ranked) {
            oldest = Math.min(oldest, task.queuedAt);
        }
        return oldest;
    }
}

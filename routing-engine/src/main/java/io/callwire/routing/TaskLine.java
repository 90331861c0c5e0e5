package io.callwire.routing;

import io.callwire.core.model.Channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * The tasks waiting in one queue at one widening level, best first. Tasks whose offer failed come back to
 * the head, in the order they came back. The others are ordered by priority plus age: with the queue's
 * ageing rate {@code r} (points per minute), a task's effective priority at time {@code t} is
 * {@code p + r * (t - queuedAt)}, so the order of two tasks never changes over time and the static key
 * {@code p - r * queuedAt} sorts them; a low-priority task still overtakes newer high-priority ones once it
 * has waited long enough. Beside that order the line keeps its tasks by arrival (an intrusive list), so the
 * oldest is found in O(1) for widening, maximum wait and longest-wait statistics.
 *
 * <p>The ranked tasks sit in one intrusive FIFO bucket per priority: within a bucket the key falls with the
 * arrival time, so a new task is appended (an overflowing or re-ranked task walks back to its place), and the
 * best task is the best bucket head. Adding and removing touch a few objects and allocate nothing; a tree
 * would walk (and miss the cache on) log n tasks.
 */
final class TaskLine {
    private static final Comparator<Task> BEST_FIRST =
            Comparator.<Task>comparingDouble(t -> -t.key).thenComparingLong(t -> t.order);

    private final QueueState owner;
    private final Channel channel;
    private final ArrayDeque<Task> returned = new ArrayDeque<>();
    private final ArrayList<Bucket> buckets = new ArrayList<>(2);
    private int rankedCount;
    /** The best ranked task: the best bucket head. */
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
        bucketFor(task.priority).insert(task);
        rankedCount++;
        if (best == null || BEST_FIRST.compare(task, best) < 0) {
            best = task;
        }
        link(task);
        changed();
    }

    private Bucket bucketFor(int priority) {
        for (int i = 0, n = buckets.size(); i < n; i++) {
            Bucket b = buckets.get(i);
            if (b.priority == priority) {
                return b;
            }
        }
        Bucket b = new Bucket(priority);
        buckets.add(b);
        return b;
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
        return returned.size() + rankedCount;
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
        if (targetReturned) {
            return n;
        }
        for (int i = 0, size = buckets.size(); i < size; i++) {
            for (Task t = buckets.get(i).head; t != null; t = t.bucketNext) {
                if (t != target && BEST_FIRST.compare(t, target) < 0) {
                    n++;
                }
            }
        }
        return n;
    }

    void remove(Task task) {
        if (task.line != this) {
            return;
        }
        if (task.bucket != null) {
            task.bucket.unlink(task);
            rankedCount--;
            if (task == best) {
                best = bestHead();
            }
        } else {
            returned.remove(task);
        }
        unlink(task);
        changed();
    }

    private Task bestHead() {
        Task head = null;
        for (int i = 0, n = buckets.size(); i < n; i++) {
            Task h = buckets.get(i).head;
            if (h != null && (head == null || BEST_FIRST.compare(h, head) < 0)) {
                head = h;
            }
        }
        return head;
    }

    /** The task that has waited longest (by first arrival in a routed queue), or null. */
    Task oldest() {
        return oldest;
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

    /**
     * The ranked tasks of one priority, best first: by arrival, since one queue's tasks age alike. Intrusive
     * (the tasks hold the links), so moving a task allocates nothing.
     */
    static final class Bucket {
        final int priority;
        Task head;
        Task tail;

        Bucket(int priority) {
            this.priority = priority;
        }

        /** Appends, walking back past tasks the new one is served before (rare: overflow, re-rank). */
        void insert(Task task) {
            Task after = tail;
            while (after != null && BEST_FIRST.compare(task, after) < 0) {
                after = after.bucketPrev;
            }
            task.bucket = this;
            task.bucketPrev = after;
            task.bucketNext = after == null ? head : after.bucketNext;
            if (task.bucketNext == null) {
                tail = task;
            } else {
                task.bucketNext.bucketPrev = task;
            }
            if (after == null) {
                head = task;
            } else {
                after.bucketNext = task;
            }
        }

        void unlink(Task task) {
            if (task.bucketPrev == null) {
                head = task.bucketNext;
            } else {
                task.bucketPrev.bucketNext = task.bucketNext;
            }
            if (task.bucketNext == null) {
                tail = task.bucketPrev;
            } else {
                task.bucketNext.bucketPrev = task.bucketPrev;
            }
            task.bucketPrev = null;
            task.bucketNext = null;
            task.bucket = null;
        }
    }
}

package io.callwire.routing;

/**
 * Running counts of one queue, written by the router on the state thread after every change and published
 * as an immutable {@link QueueStatistics} through a volatile field, so any thread can read them without a lock.
 */
final class QueueCounters {
    private final RoutingQueue queue;
    private long offered;
    private long answered;
    private long abandoned;
    private long answeredInTime;
    private long totalAnswerWait;
    private volatile QueueStatistics published;

    QueueCounters(RoutingQueue queue) {
        this.queue = queue;
        this.published = new QueueStatistics(queue.id(), 0, 0, 0, 0, 0, 0, 0, 0);
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

    /** Publishes the figures as of engine time {@code now}, with the queue's current waiting line. */
    void publish(TaskLine waiting, long now) {
        published = new QueueStatistics(queue.id(), waiting.size(), waiting.oldestQueuedAt(), offered, answered, abandoned,
                answeredInTime, totalAnswerWait, now);
    }

    QueueStatistics published() {
        return published;
    }
}

package io.callwire.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * A queue's limits: a task that has waited {@code maxWait}, or arrives when {@code maxLength} tasks already
 * wait, gets {@code action}. {@link #NONE} sets no limits.
 */
public record QueueLimits(Duration maxWait, int maxLength, LimitAction action) {
    /** No maximum wait and no maximum length. */
    public static final QueueLimits NONE = new QueueLimits(Duration.ZERO, 0, null);

    public QueueLimits {
        if (maxWait.isNegative() || maxLength < 0) {
            throw new IllegalArgumentException("queue limits must not be negative");
        }
        if ((!maxWait.isZero() || maxLength > 0) && action == null) {
            throw new IllegalArgumentException("a queue limit needs an action");
        }
    }

    /** After waiting this long the task gets the action. */
    public static QueueLimits maxWait(Duration wait, LimitAction action) {
        return new QueueLimits(wait, 0, Objects.requireNonNull(action, "action"));
    }

    /** These limits plus a maximum number of waiting tasks. */
    public QueueLimits withMaxLength(int length) {
        return new QueueLimits(maxWait, length, action);
    }

    boolean limitsWait() {
        return !maxWait.isZero();
    }
}

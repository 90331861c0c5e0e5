package io.callwire.core.engine;

import java.util.Objects;

/**
 * How events reach one listener: through a bounded queue of {@code capacity} events on the listener's own
 * thread, with a declared {@link OverflowPolicy} for when the listener falls behind.
 */
public record ListenerOptions(int capacity, OverflowPolicy overflow) {
    public ListenerOptions {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        Objects.requireNonNull(overflow, "overflow");
    }

    public static ListenerOptions of(int capacity, OverflowPolicy overflow) {
        return new ListenerOptions(capacity, overflow);
    }
}

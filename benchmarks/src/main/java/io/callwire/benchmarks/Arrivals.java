package io.callwire.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the events a benchmark's listener receives and lets the benchmark thread sleep until a count is
 * reached, so the measuring thread does not take the cores from the pipeline it measures (a spinning or
 * yielding wait did, on 2 cores, and more so the more threads the pipeline has).
 */
final class Arrivals {
    private final AtomicLong seen = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;

    /** Called by the listener for every event. */
    void arrived() {
        if (seen.incrementAndGet() >= target) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    long count() {
        return seen.get();
    }

    /** Sleeps until {@code expected} events have arrived; returns the count then. */
    long await(long expected) {
        waiter = Thread.currentThread();
        target = expected;
        long n;
        while ((n = seen.get()) < expected) {
            LockSupport.parkNanos(1_000_000); // the bound covers an arrival that checked the target before it was set
        }
        target = Long.MAX_VALUE;
        return n;
    }
}

package io.callwire.routing;

import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * A sequence lock for figures one thread writes and any thread reads: the writer never waits or allocates,
 * a reader copies the figures and retries if the writer was busy meanwhile. The writer brackets each change with
 * {@link #beginWrite} and {@link #endWrite}; the version is odd while a change is under way.
 */
final class SeqLock {
    private volatile long version;

    /** Writer only: a change begins; the figures' writes cannot move before this. */
    void beginWrite() {
        version = version + 1;
        VarHandle.storeStoreFence();
    }

    /** Writer only: the change is complete and visible to readers that see the new version. */
    void endWrite() {
        version = version + 1;
    }

    /** Any thread: a consistent copy made by {@code copy}, which reads the figures without side effects. */
    <T> T read(Supplier<T> copy) {
        while (true) {
            long before = version;
            if ((before & 1) == 0) {
                T value = copy.get();
                VarHandle.loadLoadFence();
                if (version == before) {
                    return value;
                }
            }
            Thread.onSpinWait();
        }
    }
}

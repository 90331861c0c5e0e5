package io.callwire.core.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's {@link WaitMode#BLOCKING} wait: a handler blocks while the entry it needs is missing, whether a
 * publisher or an upstream handler still owes it. The Disruptor's own {@code BlockingWaitStrategy} blocks only
 * for publishers and busy-spins while an upstream handler is at work, so on a small machine the dispatch thread
 * burned a core waiting for the state handler it was taking time from. Upstream handlers announce progress
 * through {@link SignallingStage}; signalling costs a fence, and the lock only when someone sleeps.
 */
final class StageBlockingWaitStrategy implements WaitStrategy {
    /** Short waits (the next entry is a microsecond away) are cheaper to spin through than to sleep through. */
    private static final int SPINS = 100;
    /**
     * Then yield: a waiting stage keeps watching for the microseconds a woken upstream thread needs, without
     * taking a core from a thread that could run there.
     */
    private static final int YIELDS = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private volatile int sleepers;

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        while (true) {
            long available;
            for (int i = 0; i < SPINS + YIELDS; i++) {
                if ((available = dependentSequence.get()) >= sequence) {
                    return available;
                }
                barrier.checkAlert();
                if (i < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            lock.lock();
            try {
                sleepers++;
                // Pairs with the fence in signalAllWhenBlocking: either the signaller sees this sleeper, or this
                // thread sees the signaller's progress below.
                VarHandle.fullFence();
                if ((available = dependentSequence.get()) >= sequence) {
                    return available;
                }
                barrier.checkAlert();
                // One sleep per round: a publisher's signal often comes just before the upstream handler is
                // done with the entry, which the next round's spin then catches without a second sleep.
                progressed.await();
            } finally {
                sleepers--;
                lock.unlock();
            }
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence();
        if (sleepers > 0) {
            lock.lock();
            try {
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "StageBlockingWaitStrategy";
    }
}

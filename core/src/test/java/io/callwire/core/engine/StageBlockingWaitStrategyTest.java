package io.callwire.core.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class StageBlockingWaitStrategyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final StageBlockingWaitStrategy strategy = new StageBlockingWaitStrategy();
    private final Sequence cursor = new Sequence(10);
    private final Sequence upstream = new Sequence(3);
    private final Barrier barrier = new Barrier();

    @Test
    void aHandlerBehindABusyUpstreamSleepsAndWakesWhenItSignals() throws Exception {
        CompletableFuture<Long> got = new CompletableFuture<>();
        Thread waiter = waitForEntry5(got);
        assertFalse(got.isDone(), "no progress, no return");

        upstream.set(4);
        strategy.signalAllWhenBlocking();
        await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.WAITING);
        assertFalse(got.isDone(), "progress short of the entry it needs: sleeps again");

        upstream.set(7);
        strategy.signalAllWhenBlocking();
        assertEquals(7L, got.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "returns what the upstream has done");
    }

    @Test
    void anAlertWakesASleepingHandler() throws Exception {
        CompletableFuture<Long> got = new CompletableFuture<>();
        waitForEntry5(got);
        barrier.alerted = true;
        strategy.signalAllWhenBlocking();
        Throwable e = got.handle((v, t) -> t).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertInstanceOf(AlertException.class, e);
    }

    @Test
    void anEntryAlreadyThereReturnsAtOnce() throws Exception {
        upstream.set(9);
        assertEquals(9L, strategy.waitFor(5, cursor, upstream, barrier));
    }

    /** Starts a handler thread waiting for entry 5 and returns once it sleeps. */
    private Thread waitForEntry5(CompletableFuture<Long> got) {
        Thread waiter = new Thread(() -> {
            try {
                got.complete(strategy.waitFor(5, cursor, upstream, barrier));
            } catch (Throwable e) {
                got.completeExceptionally(e);
            }
        });
        waiter.start();
        await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.WAITING);
        return waiter;
    }

    /** The part of a barrier the strategy uses: the alert a halting processor raises. */
    private static final class Barrier implements SequenceBarrier {
        volatile boolean alerted;

        @Override
        public long waitFor(long sequence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor() {
            return 0;
        }

        @Override
        public boolean isAlerted() {
            return alerted;
        }

        @Override
        public void alert() {
            alerted = true;
        }

        @Override
        public void clearAlert() {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException {
            if (alerted) {
                throw AlertException.INSTANCE;
            }
        }
    }
}

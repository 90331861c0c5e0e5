package io.callwire.benchmarks;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.engine.WaitMode;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events per second from an adapter's publish to a host listener: the engine (ring, call tracking, dispatch to
 * a listener's bounded queue) against a baseline of two ArrayBlockingQueue hand-offs between threads that
 * do no call tracking at all. Each invocation publishes {@value #BATCH} events (complete two-leg calls) and
 * waits until the listener has seen them all.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {
    static final int BATCH = 6_000;

    /** How the engine's handler threads wait; the baseline ignores it. */
    @Param({"BLOCKING", "SLEEPING"})
    public WaitMode waitMode;

    private final CtiEvent[] events = new CtiEvent[BATCH];
    private final AtomicLong seen = new AtomicLong();
    private long expected;

    private CtiEngine engine;
    private BenchSwitch bench;

    private ArrayBlockingQueue<CtiEvent> hop1;
    private ArrayBlockingQueue<CtiEvent> hop2;
    private Thread worker;
    private Thread listener;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < BATCH; i += 6) {
            String call = "c" + i;
            events[i] = new LegCreated(env(call, call + "a", "+4930" + i), LegRole.CALLER, LegState.INITIATED,
                    DeviceType.TRUNK, "+4930" + i);
            events[i + 1] = new LegCreated(env(call, call + "b", "1001"), LegRole.AGENT, LegState.ALERTING,
                    DeviceType.STATION, "1001");
            events[i + 2] = new LegConnected(env(call, call + "b", "1001"));
            events[i + 3] = new LegConnected(env(call, call + "a", ""));
            events[i + 4] = new LegCleared(env(call, call + "b", ""), "normal");
            events[i + 5] = new LegCleared(env(call, call + "a", ""), "normal");
        }
        bench = new BenchSwitch();
        engine = CtiEngine.builder().adapter(bench).tickInterval(Duration.ZERO).waitMode(waitMode)
                .listener("count", e -> seen.incrementAndGet(), ListenerOptions.of(65_536, OverflowPolicy.DROP_NEWEST))
                .start();

        hop1 = new ArrayBlockingQueue<>(65_536);
        hop2 = new ArrayBlockingQueue<>(65_536);
        worker = new Thread(() -> relay(hop1, hop2), "baseline-worker");
        listener = new Thread(this::drainBaseline, "baseline-listener");
        worker.setDaemon(true);
        listener.setDaemon(true);
        worker.start();
        listener.start();
    }

    private static Envelope env(String call, String leg, String device) {
        return Envelope.of("bench", 0, call, leg, device);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long engine() {
        long start = seen.get();
        for (CtiEvent event : events) {
            bench.sink.publish(event);
        }
        // every sixth event also yields a derived CallEnded
        expected = start + BATCH + BATCH / 6;
        return awaitSeen();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long baselineBlockingQueues() throws InterruptedException {
        long start = seen.get();
        for (CtiEvent event : events) {
            hop1.put(event);
        }
        expected = start + BATCH;
        return awaitSeen();
    }

    private long awaitSeen() {
        long n;
        while ((n = seen.get()) < expected) {
            Thread.yield();
        }
        return n;
    }

    private static void relay(ArrayBlockingQueue<CtiEvent> from, ArrayBlockingQueue<CtiEvent> to) {
        try {
            while (true) {
                to.put(from.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainBaseline() {
        try {
            while (true) {
                hop2.take();
                seen.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        worker.interrupt();
        listener.interrupt();
    }

    /** An adapter that only hands its sink to the benchmark. */
    static final class BenchSwitch implements SwitchAdapter {
        volatile EventSink sink;

        @Override
        public Switch info() {
            return new Switch("bench", SwitchKind.OTHER, "");
        }

        @Override
        public void start(EventSink eventSink) {
            this.sink = eventSink;
        }

        @Override
        public CompletionStage<CommandResult> execute(CtiCommand command) {
            return CompletableFuture.completedFuture(CommandResult.ok(""));
        }

        @Override
        public boolean supports(Class<? extends CtiCommand> commandType) {
            return false;
        }

        @Override
        public void close() {
        }
    }
}

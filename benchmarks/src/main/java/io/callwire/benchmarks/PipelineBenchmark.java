package io.callwire.benchmarks;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.engine.WaitMode;
import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.ChronicleJournal;
import io.callwire.recorder.Durability;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Events per second from an adapter's publish to a host listener. Each invocation publishes {@value #BATCH}
 * events (1,000 complete two-leg calls) and waits until the listener has seen them all (and the derived
 * CallEnded of each call). {@code engine}: the real {@link CtiEngine} (multi-producer ring, state handler with
 * call tracking, dispatch to a listener's bounded queue and its thread), per {@link WaitMode};
 * {@code engineJournaled}: the same (BLOCKING) with the recorder's {@link ChronicleJournal} beside the state
 * handler, so listeners see an event only once journaled (with and without the journal's pretouch thread, the
 * baseline for its gain); {@code baselineBlockingQueues}: the same events
 * through two ArrayBlockingQueue hand-offs between three threads, with no call tracking: the plumbing alone.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JournalFlags.EXPORT_REF, JournalFlags.EXPORT_NIO, JournalFlags.EXPORT_MISC,
        JournalFlags.EXPORT_JAVAC, JournalFlags.OPEN_JAVAC, JournalFlags.OPEN_LANG, JournalFlags.OPEN_REFLECT,
        JournalFlags.OPEN_IO, JournalFlags.OPEN_UTIL, JournalFlags.OPEN_NIO_CH, JournalFlags.OPEN_NIO})
public class PipelineBenchmark {
    static final int BATCH = 6_000;

    /** An engine over a bench switch and a listener that counts everything it receives. */
    public abstract static class EngineState {
        final CtiEvent[] events = CallScript.calls(BATCH / CallScript.EVENTS_PER_CALL);
        final Arrivals seen = new Arrivals();
        CtiEngine engine;
        CallScript.BenchSwitch bench;

        CtiEngine.Builder builder(WaitMode waitMode) {
            bench = new CallScript.BenchSwitch();
            return CtiEngine.builder().adapter(bench).tickInterval(Duration.ZERO).waitMode(waitMode)
                    .listener("count", e -> seen.arrived(), ListenerOptions.of(65_536, OverflowPolicy.DROP_NEWEST));
        }

        long batch() {
            long expected = seen.count() + BATCH + BATCH / CallScript.EVENTS_PER_CALL;
            for (CtiEvent event : events) {
                bench.sink.publish(event);
            }
            return seen.await(expected);
        }
    }

    @State(Scope.Benchmark)
    public static class Plain extends EngineState {
        /** How the engine's handler threads wait. */
        @Param({"BLOCKING", "SLEEPING"})
        public WaitMode waitMode;

        @Setup(Level.Trial)
        public void start() {
            engine = builder(waitMode).start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            engine.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Journaled extends EngineState {
        /** ASYNC: no msync; BATCHED (the recorder's default): one msync per ring batch. */
        @Param({"ASYNC", "BATCHED"})
        public Durability durability;
        /** Whether the journal's pretouch thread takes the page faults of fresh file pages (the default) or not. */
        @Param({"true", "false"})
        public boolean pretouch;
        private Path directory;

        @Setup(Level.Trial)
        public void start() {
            directory = JournalFlags.scratch();
            engine = builder(WaitMode.BLOCKING).journal(ChronicleJournal.builder(directory).durability(durability)
                    .pretouch(pretouch).build()).start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            engine.close();
            JournalFlags.delete(directory);
        }
    }

    @State(Scope.Benchmark)
    public static class Queues {
        final CtiEvent[] events = CallScript.calls(BATCH / CallScript.EVENTS_PER_CALL);
        final QueueHops hops = new QueueHops();

        @Setup(Level.Trial)
        public void start() {
            hops.start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            hops.stop();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long engine(Plain state) {
        return state.batch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long engineJournaled(Journaled state) {
        return state.batch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long baselineBlockingQueues(Queues state) throws InterruptedException {
        long expected = state.hops.seen.count() + BATCH;
        for (CtiEvent event : state.events) {
            state.hops.put(event);
        }
        return state.hops.seen.await(expected);
    }
}

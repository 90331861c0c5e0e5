package io.callwire.benchmarks;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.ChronicleJournal;
import io.callwire.recorder.Durability;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency of one event from an adapter's publish to a host listener, one event in flight at a time (the
 * idle-to-busy case every event of a quiet switch sees): publish, then spin until the listener has it.
 * JMH's sample mode gives the percentiles. {@code engine}: the real {@link CtiEngine} (default BLOCKING wait
 * mode, call tracking, dispatch to the listener's bounded queue and thread) without a journal;
 * {@code engineJournaled}: the same with the recorder's {@link ChronicleJournal} in a scratch directory, so
 * the listener sees each event only after it was journaled ({@code durability} ASYNC: no msync; BATCHED, the
 * recorder's default: one msync per ring batch, here one per event); {@code baselineBlockingQueues}: two
 * ArrayBlockingQueue hand-offs between three threads and no call tracking, the plumbing alone.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineLatencyBenchmark}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JournalFlags.EXPORT_REF, JournalFlags.EXPORT_NIO, JournalFlags.EXPORT_MISC,
        JournalFlags.EXPORT_JAVAC, JournalFlags.OPEN_JAVAC, JournalFlags.OPEN_LANG, JournalFlags.OPEN_REFLECT,
        JournalFlags.OPEN_IO, JournalFlags.OPEN_UTIL, JournalFlags.OPEN_NIO_CH, JournalFlags.OPEN_NIO})
public class PipelineLatencyBenchmark {
    static final int CALLS = 1_000;

    /** An engine and a listener that counts the switch's own events (not the derived CallEnded). */
    public abstract static class EngineState {
        final CtiEvent[] events = CallScript.calls(CALLS);
        final AtomicLong seen = new AtomicLong();
        long published;
        int next;
        CtiEngine engine;
        CallScript.BenchSwitch bench;

        CtiEngine.Builder builder() {
            bench = new CallScript.BenchSwitch();
            return CtiEngine.builder().adapter(bench).tickInterval(Duration.ZERO)
                    .listener("latency", e -> {
                        if (!(e instanceof CallEnded)) {
                            seen.incrementAndGet();
                        }
                    }, ListenerOptions.of(65_536, OverflowPolicy.DROP_NEWEST));
        }

        long roundTrip() {
            long target = ++published;
            bench.sink.publish(events[next]);
            next = next + 1 == events.length ? 0 : next + 1;
            long n;
            while ((n = seen.get()) < target) {
                Thread.onSpinWait();
            }
            return n;
        }

        void close() {
            engine.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Plain extends EngineState {
        @Setup(Level.Trial)
        public void start() {
            engine = builder().start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            close();
        }
    }

    @State(Scope.Benchmark)
    public static class Journaled extends EngineState {
        @Param({"ASYNC", "BATCHED"})
        public Durability durability;
        private Path directory;

        @Setup(Level.Trial)
        public void start() {
            directory = JournalFlags.scratch();
            engine = builder().journal(ChronicleJournal.builder(directory).durability(durability).build()).start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            close();
            JournalFlags.delete(directory);
        }
    }

    /** Two ArrayBlockingQueue hops between three threads, no tracking. */
    @State(Scope.Benchmark)
    public static class Queues {
        final CtiEvent[] events = CallScript.calls(CALLS);
        final QueueHops hops = new QueueHops();
        long published;
        int next;

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
    public long engine(Plain state) {
        return state.roundTrip();
    }

    @Benchmark
    public long engineJournaled(Journaled state) {
        return state.roundTrip();
    }

    @Benchmark
    public long baselineBlockingQueues(Queues state) throws InterruptedException {
        long target = ++state.published;
        state.hops.put(state.events[state.next]);
        state.next = state.next + 1 == state.events.length ? 0 : state.next + 1;
        long n;
        while ((n = state.hops.seen.count()) < target) {
            Thread.onSpinWait();
        }
        return n;
    }
}

package io.callwire.adapter.asterisk;

import io.callwire.core.event.CtiEvent;
import io.callwire.core.spi.SwitchUri;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.asteriskjava.manager.internal.ReaderBench;
import org.asteriskjava.util.SocketConnectionFacade;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * AMI text to events, per AMI event (no socket: the text comes from memory, so only parsing, dispatch and
 * normalization are measured). {@code baselineAsteriskJava}: asterisk-java's own reader alone
 * ({@code ManagerReaderImpl}, as inside {@code ManagerConnection}): lines to {@code ManagerEvent} objects handed
 * through its event pump thread to a listener that only counts. {@code adapter}: the same, then what the Asterisk adapter adds per event: copying the
 * {@code ManagerEvent} into an {@link AmiEvent} and translating it into normalized events with the adapter's
 * {@link EventTranslator} (call, leg and bridge tables, Linkedid aliases). The text is {@value #CALLS} complete
 * two-party calls ({@link AmiTraffic}), replayed every invocation; an invocation ends when the pump has dispatched
 * every event. Here the translation runs on asterisk-java's pump thread; the adapter itself hands the copied
 * events to a translator thread of its own, which adds a queue hop not measured here. Each replay is one
 * connection's life to asterisk-java: its reader starts an event pump thread per run (amortized over the
 * replay's events; stopped pumps linger parked until their one-minute poll returns).
 *
 * <p>Lives in the adapter's package to reach its translator. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar AmiNormalizationBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AmiNormalizationBenchmark {
    static final int CALLS = 100;
    static final int EVENTS = CALLS * AmiTraffic.EVENTS_PER_CALL;

    private String[] lines;
    private ManagerReaderImpl plainReader;
    private ManagerReaderImpl adapterReader;
    private Blackhole blackhole;
    private EventTranslator translator;
    private final List<CtiEvent> out = new ArrayList<>();
    /** Events dispatched so far; written by asterisk-java's event pump thread. */
    private final AtomicLong read = new AtomicLong();
    private long normalized;
    /** Events asterisk-java dispatches per replay of the text (the AMI events and its own end-of-stream event). */
    private long perReplay;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        blackhole = bh;
        lines = AmiTraffic.lines(CALLS).toArray(String[]::new);
        AsteriskConfig config = AsteriskConfig.from(SwitchUri.parse("asterisk://bench:secret@127.0.0.1"));
        translator = new EventTranslator(config.id(), config, new LiveChannels());
        plainReader = ReaderBench.reader(this::count);
        adapterReader = ReaderBench.reader(this::normalize);
        plainReader.setSocket(new TextSocket(lines));
        plainReader.run();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen;
        do {
            seen = read.get();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        } while (read.get() != seen || seen < EVENTS && System.nanoTime() < deadline);
        if (seen < EVENTS) {
            throw new IllegalStateException("asterisk-java dispatched " + seen + " of " + EVENTS + " events");
        }
        perReplay = seen;
        read.set(0);
    }

    private void count(ManagerEvent event) {
        blackhole.consume(event);
        read.incrementAndGet();
    }

    private void normalize(ManagerEvent event) {
        translator.translate(AmiEventReader.read(event), out);
        normalized += out.size();
        for (int i = 0; i < out.size(); i++) {
            blackhole.consume(out.get(i));
        }
        out.clear();
        read.incrementAndGet();
    }

    /** Replays the text through a reader and waits until its event pump has dispatched every event. */
    private long replay(ManagerReaderImpl reader) {
        long target = read.get() + perReplay;
        reader.setSocket(new TextSocket(lines));
        reader.run();
        long n;
        while ((n = read.get()) < target) {
            Thread.onSpinWait();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long baselineAsteriskJava() {
        return replay(plainReader);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long adapter() {
        return replay(adapterReader) + normalized;
    }

    /** A socket whose input is the given lines, then end of stream. */
    static final class TextSocket implements SocketConnectionFacade {
        private final String[] lines;
        private int next;

        TextSocket(String[] lines) {
            this.lines = lines;
        }

        @Override
        public String readLine() {
            return next < lines.length ? lines[next++] : null;
        }

        @Override
        public void write(String s) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isConnected() {
            return next < lines.length;
        }

        @Override
        public InetAddress getLocalAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getLocalPort() {
            return 0;
        }

        @Override
        public InetAddress getRemoteAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int getRemotePort() {
            return 5038;
        }
    }
}

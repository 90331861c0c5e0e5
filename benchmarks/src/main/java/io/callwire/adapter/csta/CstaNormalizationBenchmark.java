package io.callwire.adapter.csta;

import io.callwire.core.event.CtiEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CSTA frames to events, per event frame, on one thread (no socket: Netty's {@link EmbeddedChannel} feeds the
 * bytes). {@code baselineFramesAndXml}: the adapter's 8-byte frame decoder and its StAX parse of each document
 * into an element tree, alone; {@code adapter}: the same, then the adapter's {@link EventTranslator} (call book,
 * connection ids, monitored station) into normalized events. There is no vendor CSTA library in this project:
 * the adapter brings its own codec, so framing plus XML parsing is the baseline. The bytes are {@value #CALLS}
 * complete calls at a monitored station ({@link CstaTraffic}), replayed every invocation.
 *
 * <p>Lives in the adapter's package to reach its codec and translator. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar CstaNormalizationBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CstaNormalizationBenchmark {
    static final int CALLS = 100;
    static final int EVENTS = CALLS * CstaTraffic.EVENTS_PER_CALL;

    private byte[] bytes;
    private EmbeddedChannel plain;
    private EmbeddedChannel adapter;
    private final XmlCodec xml = new XmlCodec();
    private EventTranslator translator;
    private Blackhole blackhole;
    private long normalized;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        blackhole = bh;
        bytes = CstaTraffic.bytes(CALLS);
        plain = new EmbeddedChannel(new CstaFrameDecoder(65_535));
        adapter = new EmbeddedChannel(new CstaFrameDecoder(65_535));
        translator = new EventTranslator("bench", Set.of(CstaTraffic.STATION), new CallBook());
    }

    private void publish(CtiEvent event) {
        normalized++;
        blackhole.consume(event);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int baselineFramesAndXml() {
        plain.writeInbound(Unpooled.wrappedBuffer(bytes));
        int frames = 0;
        for (CstaFrame frame = plain.readInbound(); frame != null; frame = plain.readInbound()) {
            blackhole.consume(xml.parse(frame.xml()));
            frames++;
        }
        return frames;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long adapter() {
        adapter.writeInbound(Unpooled.wrappedBuffer(bytes));
        for (CstaFrame frame = adapter.readInbound(); frame != null; frame = adapter.readInbound()) {
            translator.translate(xml.parse(frame.xml()), frame.xml(), 1_763_900_000_000L, this::publish,
                    CstaTraffic.STATION);
        }
        return normalized;
    }

    @TearDown(Level.Trial)
    public void close() {
        plain.finishAndReleaseAll();
        adapter.finishAndReleaseAll();
    }
}

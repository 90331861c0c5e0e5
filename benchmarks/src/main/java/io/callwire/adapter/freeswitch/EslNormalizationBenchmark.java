package io.callwire.adapter.freeswitch;

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

import java.util.concurrent.TimeUnit;

/**
 * Event Socket bytes to events, per ESL event frame, on one thread (no socket: Netty's {@link EmbeddedChannel}
 * feeds the bytes). {@code baselineFrameCodec}: the adapter's ESL frame decoder alone (bytes to header maps and
 * bodies); {@code adapter}: the same, then what the FreeSWITCH adapter does per event frame: parse the
 * URL-encoded {@code text/event-plain} body into an {@link EslEvent} and translate it with the adapter's
 * {@link EventTranslator} (legs by Unique-ID, calls by Channel-Call-UUID). FreeSWITCH has no ESL client of its
 * own in this project: the adapter brings its own Netty codec, so its frame decoding is the baseline. The bytes
 * are {@value #CALLS} complete calls ({@link EslTraffic}), replayed every invocation.
 *
 * <p>Lives in the adapter's package to reach its codec and translator. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar EslNormalizationBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EslNormalizationBenchmark {
    static final int CALLS = 100;
    static final int EVENTS = CALLS * EslTraffic.EVENTS_PER_CALL;

    private byte[] bytes;
    private EmbeddedChannel plain;
    private EmbeddedChannel adapter;
    private EventTranslator translator;
    private Blackhole blackhole;
    private long normalized;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        blackhole = bh;
        bytes = EslTraffic.bytes(CALLS);
        plain = new EmbeddedChannel(new EslFrameDecoder(16 << 20));
        adapter = new EmbeddedChannel(new EslFrameDecoder(16 << 20));
        translator = new EventTranslator("bench", "cw_", new CallDirectory(), this::publish, System::currentTimeMillis);
    }

    private void publish(CtiEvent event) {
        normalized++;
        blackhole.consume(event);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int baselineFrameCodec() {
        plain.writeInbound(Unpooled.wrappedBuffer(bytes));
        int frames = 0;
        for (EslFrame frame = plain.readInbound(); frame != null; frame = plain.readInbound()) {
            blackhole.consume(frame);
            frames++;
        }
        return frames;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long adapter() {
        adapter.writeInbound(Unpooled.wrappedBuffer(bytes));
        for (EslFrame frame = adapter.readInbound(); frame != null; frame = adapter.readInbound()) {
            translator.translate(EslEvent.plain(frame.body()));
        }
        return normalized;
    }

    @TearDown(Level.Trial)
    public void close() {
        plain.finishAndReleaseAll();
        adapter.finishAndReleaseAll();
    }
}

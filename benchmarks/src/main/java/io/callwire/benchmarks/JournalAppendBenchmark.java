package io.callwire.benchmarks;

import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.recorder.ChronicleJournal;
import io.callwire.recorder.Durability;
import io.callwire.recorder.wire.EntryCodec;
import io.callwire.recorder.wire.WireBuffer;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
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
import java.util.concurrent.TimeUnit;

/**
 * The recorder's journal append on one thread, as the engine's journal handler calls it: {@code journal}
 * encodes each event in the journal's own format (with CRC) and appends it to Chronicle Queue, a ring batch of
 * {@value #BATCH} per document, flushing as the durability mode says at the end of every batch;
 * {@code rawChronicle} is the baseline in the same run: Chronicle Queue appending the same number of already
 * encoded entries the plain way, one document each. SampleTime gives the latency one append adds
 * (p50/p99/p99.9; the append that ends a batch writes the document).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JournalAppendBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JournalFlags.EXPORT_REF, JournalFlags.EXPORT_NIO, JournalFlags.EXPORT_MISC,
        JournalFlags.EXPORT_JAVAC, JournalFlags.OPEN_JAVAC, JournalFlags.OPEN_LANG, JournalFlags.OPEN_REFLECT,
        JournalFlags.OPEN_IO, JournalFlags.OPEN_UTIL, JournalFlags.OPEN_NIO_CH, JournalFlags.OPEN_NIO})
public class JournalAppendBenchmark {
    static final int BATCH = 256;
    private static final int EVENTS = 1024;

    @Param({"ASYNC", "BATCHED"})
    public Durability durability;

    private Path journalDir;
    private Path rawDir;
    private ChronicleJournal journal;
    private ChronicleQueue raw;
    private ExcerptAppender rawAppender;
    private final CtiEvent[] events = new CtiEvent[EVENTS];
    private byte[] encoded;
    private int next;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < EVENTS; i++) {
            String call = "sim-" + (i / 4);
            Envelope env = new Envelope(i, "sim", 1_767_225_600_000L + i, call, call + "-L" + (i % 4), "10" + (i % 90), false, null);
            events[i] = i % 2 == 0 ? new LegCreated(env, LegRole.AGENT, LegState.ALERTING, DeviceType.STATION, "10" + (i % 90))
                    : new LegConnected(env);
        }
        WireBuffer buffer = new WireBuffer(256);
        EntryCodec.encodeEvent(events[1], buffer);
        encoded = java.util.Arrays.copyOf(buffer.array(), buffer.length());
        journalDir = JournalFlags.scratch();
        rawDir = JournalFlags.scratch();
        journal = ChronicleJournal.builder(journalDir).durability(durability).decisions(false).build();
        raw = SingleChronicleQueueBuilder.single(rawDir.toFile())
                .syncMode(durability == Durability.ASYNC ? SyncMode.NONE : SyncMode.SYNC).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        journal.close();
        raw.close();
        JournalFlags.delete(journalDir);
        JournalFlags.delete(rawDir);
    }

    @Benchmark
    public void journal() {
        int i = next++ & (EVENTS - 1);
        CtiEvent event = events[i];
        journal.record(event.withEnvelope(event.envelope().withSequence(++sequence)));
        if ((next & (BATCH - 1)) == 0) {
            journal.endOfBatch();
        }
    }

    @Benchmark
    public void rawChronicle() {
        if (rawAppender == null) {
            rawAppender = raw.createAppender();
        }
        try (DocumentContext dc = rawAppender.writingDocument()) {
            dc.wire().bytes().write(encoded, 0, encoded.length);
        }
        if ((++next & (BATCH - 1)) == 0 && durability != Durability.ASYNC) {
            rawAppender.sync();
        }
    }
}

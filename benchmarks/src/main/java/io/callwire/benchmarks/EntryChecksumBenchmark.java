package io.callwire.benchmarks;

import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.wire.EntryCodec;
import io.callwire.recorder.wire.WireBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksum over one journal entry, as the codec computes it for every entry it writes and reads:
 * {@code crc32c} (wire format 2) against {@code baselineCrc32} (format 1) over the same bytes, in the same run.
 * The entries are the pipeline benchmark's own calls, encoded (31 to 71 bytes).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EntryChecksumBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryChecksumBenchmark {
    private byte[][] entries;
    private int next;
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();

    @Setup
    public void encode() {
        CtiEvent[] events = CallScript.calls(100);
        entries = new byte[events.length][];
        WireBuffer buffer = new WireBuffer(256);
        for (int i = 0; i < events.length; i++) {
            EntryCodec.encodeEvent(events[i], buffer);
            entries[i] = Arrays.copyOf(buffer.array(), buffer.length() - 4); // what the trailer covers
        }
    }

    private byte[] nextEntry() {
        byte[] entry = entries[next];
        next = next + 1 == entries.length ? 0 : next + 1;
        return entry;
    }

    @Benchmark
    public long crc32c() {
        byte[] entry = nextEntry();
        crc32c.reset();
        crc32c.update(entry, 0, entry.length);
        return crc32c.getValue();
    }

    @Benchmark
    public long baselineCrc32() {
        byte[] entry = nextEntry();
        crc32.reset();
        crc32.update(entry, 0, entry.length);
        return crc32.getValue();
    }
}

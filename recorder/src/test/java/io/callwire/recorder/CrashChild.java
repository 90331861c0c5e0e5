package io.callwire.recorder;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM the crash test kills: runs the simulator under load with a journal and writes the sequence of every
 * event a listener received (so, per the engine's contract, already journaled) to an acknowledgement file, one
 * line each, written straight to the file so a SIGKILL loses none that were written. Runs until killed.
 *
 * <p>Arguments: journal directory, acknowledgement file, seed, durability.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path journalDir = Path.of(args[0]);
        Path ackFile = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        Durability durability = Durability.valueOf(args[3]);
        FileChannel acks = FileChannel.open(ackFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ByteBuffer line = ByteBuffer.allocate(32);
        CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=20&callsPerMinute=600&speed=0&epoch=0&holdRate=0.3&transferRate=0.2"
                        + "&consultRate=0.2&patience=40&seed=" + seed)
                .journal(ChronicleJournal.builder(journalDir).durability(durability).build())
                .listener("ack", event -> {
                    line.clear();
                    line.put((event.sequence() + "\n").getBytes(StandardCharsets.US_ASCII)).flip();
                    try {
                        while (line.hasRemaining()) {
                            acks.write(line);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, ListenerOptions.of(1 << 16, OverflowPolicy.DROP_NEWEST))
                .start();
        new CountDownLatch(1).await(); // until SIGKILL
        engine.close();
    }
}

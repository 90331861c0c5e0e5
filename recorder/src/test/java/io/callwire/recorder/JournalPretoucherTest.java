package io.callwire.recorder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalPretoucherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void touchingPagesChangesNoByteAndNeverGrowsTheFile() throws IOException {
        byte[] content = new byte[64 * 4096 + 100];
        Random random = new Random(7);
        for (int page = 0; page < 64; page++) {
            int at = page * 4096;
            switch (page % 4) {
                case 0 -> { } // all zero, as Chronicle's unwritten space
                case 1 -> content[at + 4000] = 17; // a zero first word, data further on
                case 2 -> content[at + 1] = 42; // a first word that is zero only in part
                default -> { // written data from the first word on
                    byte[] data = new byte[4096];
                    random.nextBytes(data);
                    System.arraycopy(data, 0, content, at, data.length);
                }
            }
        }
        content[content.length - 1] = 9;
        Path file = dir.resolve("cycle.cq4");
        Files.write(file, content);

        try (JournalPretoucher pretoucher = new JournalPretoucher("test-pretouch")) {
            pretoucher.rolledTo(file.toFile());
            pretoucher.wrote(0);
            await().atMost(WAIT).until(() -> pretoucher.touched() >= content.length);
        }
        assertEquals(content.length, Files.size(file), "the file keeps its length");
        assertArrayEquals(content, Files.readAllBytes(file), "no byte changed");
    }

    @Test
    void aJournalsFilePagesAreTouchedAheadOfWhereItWrites() throws IOException {
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).durability(Durability.ASYNC).build()) {
            for (int i = 0; i < 2_000; i++) {
                journal.record(Samples.events().get(i % Samples.events().size()));
                if (i % 100 == 99) {
                    journal.endOfBatch();
                }
            }
            JournalPretoucher pretoucher = journal.pretoucher();
            assertNotNull(pretoucher, "pretouching is on by default");
            long written = pretoucher.written();
            File cycleFile = cycleFiles().get(0);
            await().atMost(WAIT).until(() -> touching(pretoucher, cycleFile)
                    && pretoucher.touched() > written + 4096);

            try (FileChannel channel = FileChannel.open(cycleFile.toPath(), StandardOpenOption.READ)) {
                assertTrue(written > 4096 && written < channel.size(), "a file offset: " + written);
                assertTrue(pretoucher.touched() <= channel.size(), "only the file's own length is touched");
                ByteBuffer before = ByteBuffer.allocate(64);
                channel.read(before, written - 64);
                assertFalse(allZero(before.array()), "the journal's last bytes end at the reported offset");
                ByteBuffer after = ByteBuffer.allocate(4096);
                channel.read(after, written);
                assertTrue(allZero(after.array()), "nothing written beyond it");
            }
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            assertEquals(2_001, reader.readAll(JournalFilter.all()).size(), "session and every entry read back");
        }
    }

    @Test
    void afterADayRollsThePagesOfTheNewFileAreTouched() throws IOException {
        HandClock clock = new HandClock(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).clock(clock).build()) {
            journal.record(Samples.events().get(0));
            journal.endOfBatch();
            clock.millis += 86_400_000L;
            journal.record(Samples.events().get(1));
            journal.endOfBatch();
            JournalPretoucher pretoucher = journal.pretoucher();
            long written = pretoucher.written();
            List<File> files = cycleFiles();
            File newest = files.get(files.size() - 1);
            assertTrue(newest.getName().startsWith("20261121"), newest.getName());
            await().atMost(WAIT).until(() -> touching(pretoucher, newest)
                    && pretoucher.touched() > written + 4096);
            try (FileChannel channel = FileChannel.open(newest.toPath(), StandardOpenOption.READ)) {
                assertTrue(written < channel.size() && pretoucher.touched() <= channel.size(),
                        "the offsets are the new file's: " + written + ", " + pretoucher.touched());
            }
        }
    }

    @Test
    void pretouchingCanBeSwitchedOff() {
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).pretouch(false).build()) {
            journal.record(Samples.events().get(0));
            journal.endOfBatch();
            assertNull(journal.pretoucher());
        }
    }

    /** The journal's cycle files, oldest first. */
    private List<File> cycleFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().map(Path::toFile).toList();
        }
    }

    private static boolean touching(JournalPretoucher pretoucher, File file) {
        File touched = pretoucher.touchedFile();
        return touched != null && touched.getName().equals(file.getName());
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

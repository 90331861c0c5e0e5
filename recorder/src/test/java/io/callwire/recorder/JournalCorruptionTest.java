package io.callwire.recorder;

import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegConnected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalCorruptionTest {
    private static final String MARKER = "CORRUPT-ME-MARKER";

    @TempDir
    Path dir;

    /**
     * Writes 10 events, the 6th carrying the marker, and returns the indexes of all entries: the first four
     * events in ring batches of their own, the rest in one batch, so the marked entry shares its document with
     * the good entry before it.
     */
    private List<Long> writeJournal() {
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).durability(Durability.BATCHED).build()) {
            for (int i = 0; i < 10; i++) {
                CtiEvent e = i == 5
                        ? new CallDataChanged(Samples.env(i, "c1", ""), Map.of("note", MARKER))
                        : new LegConnected(Samples.env(i, "c1", "l" + i));
                journal.record(e);
                if (i < 4) {
                    journal.endOfBatch();
                }
            }
            journal.endOfBatch();
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            return reader.readAll(JournalFilter.all()).stream().map(JournalEntry::index).toList();
        }
    }

    private Path cycleFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static long offsetOf(Path file, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[(int) Math.min(raf.length(), 1 << 20)];
            raf.readFully(head);
            outer:
            for (int i = 0; i + needle.length <= head.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (head[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
        }
        throw new AssertionError("marker not found in " + file);
    }

    @Test
    void aDamagedEntryNamesTheFileAndTheLastGoodIndexAndEverythingBeforeItIsRead() throws IOException {
        List<Long> indexes = writeJournal();
        assertEquals(11, indexes.size(), "session marker plus ten events");
        assertEquals(indexes.get(5), indexes.get(6), "the marked entry shares a document with the one before it");
        Path file = cycleFile();
        long at = offsetOf(file, MARKER);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 3);
            raf.write('#');
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            List<JournalEntry> got = new ArrayList<>();
            ReadResult result = reader.read(JournalFilter.all(), got::add);
            assertFalse(result.complete());
            JournalCorruptedException e = result.corruption().orElseThrow();
            assertEquals(file.getFileName(), e.file().getFileName());
            long lastGood = indexes.get(5);
            assertEquals(lastGood, e.lastGoodIndex());
            assertEquals(lastGood, result.lastGoodIndex());
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains(Long.toString(lastGood)), e.getMessage());
            assertEquals(indexes.subList(0, 6), got.stream().map(JournalEntry::index).toList());

            JournalCorruptedException thrown = assertThrows(JournalCorruptedException.class,
                    () -> reader.readAll(JournalFilter.all()));
            assertEquals(lastGood, thrown.lastGoodIndex());
        }
        JournalReplay.Recovery recovery = JournalReplay.recover(dir);
        assertEquals(5, recovery.events(), "replay up to the last good entry");
        assertEquals(indexes.get(5), recovery.lastGoodIndex());
        long streamed = 0;
        for (CtiEvent ignored : JournalReplay.events(dir)) {
            streamed++;
        }
        assertEquals(5, streamed, "the lazy replay stops before the corrupt entry too");
    }

    @Test
    void aTruncatedFileNamesTheFileAndTheLastGoodIndex() throws IOException {
        List<Long> indexes = writeJournal();
        Path file = cycleFile();
        long at = offsetOf(file, MARKER);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(at + 4);
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            List<JournalEntry> got = new ArrayList<>();
            ReadResult result = reader.read(JournalFilter.all(), got::add);
            assertFalse(result.complete(), "a truncated file is reported, not read as a short journal");
            JournalCorruptedException e = result.corruption().orElseThrow();
            assertEquals(file.getFileName(), e.file().getFileName());
            assertEquals(indexes.get(5), e.lastGoodIndex());
            assertEquals(indexes.subList(0, 6), got.stream().map(JournalEntry::index).toList());
        }
    }

    @Test
    void aFileThatIsNoJournalIsReportedByName() throws IOException {
        Path file = dir.resolve("20261123F.cq4");
        Files.writeString(file, "this is not a chronicle queue file at all");
        try (JournalReader reader = JournalReader.open(dir)) {
            ReadResult result = reader.read(JournalFilter.all(), e -> {
            });
            JournalCorruptedException e = result.corruption().orElseThrow();
            assertEquals(file.getFileName(), e.file().getFileName());
            assertEquals(-1, e.lastGoodIndex());
            assertTrue(e.getMessage().contains("no good entry"), e.getMessage());
        }
    }

    @Test
    void anEmptyDirectoryIsAnEmptyJournalAndAMissingOneAnError() {
        JournalReplay.Recovery recovery = JournalReplay.recover(dir);
        assertTrue(recovery.corruption().isEmpty());
        assertEquals(0, recovery.events());
        assertFalse(JournalReplay.events(dir).iterator().hasNext());
        assertEquals(List.of(), recovery.snapshot().calls());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalReader.open(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"));
    }
}

package io.callwire.recorder;

import io.callwire.core.command.AgentReady;
import io.callwire.core.command.HangUp;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalRollAndFilterTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static Envelope env(long seq, long ts, String call, String leg) {
        return new Envelope(seq, "pbx", ts, call, leg, "1001", false, null);
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    @Test
    void rollsDailyAndKeepsOnlyTheNewestDays() throws IOException {
        HandClock clock = new HandClock(T0);
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).clock(clock).keepDays(2).build()) {
            for (int day = 0; day < 4; day++) {
                clock.millis = T0 + day * DAY;
                journal.record(new LegConnected(env(day, clock.millis, "c" + day, "l" + day)));
                journal.endOfBatch();
            }
        }
        assertEquals(List.of("20261122F.cq4", "20261123F.cq4"), cycleFiles());
        try (JournalReader reader = JournalReader.open(dir)) {
            List<Long> days = reader.readAll(JournalFilter.all()).stream()
                    .filter(e -> e instanceof EventEntry).map(e -> ((EventEntry) e).event().sequence()).toList();
            assertEquals(List.of(2L, 3L), days);
        }
    }

    @Test
    void filtersByCallAcrossTransfersByAgentAndByTime() {
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).build()) {
            journal.record(new LegCreated(env(1, 1000, "a", "a1"), LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK, "+4930"));
            journal.record(new LegConnected(env(2, 1001, "a", "a1")));
            journal.record(new LegCreated(env(3, 1002, "b", "b1"), LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK, "+4931"));
            journal.record(new AgentStateChanged(env(4, 1003, "", ""), "agent-07", AgentState.BUSY, ""));
            journal.record(5, new AgentReady("agent-07"));
            journal.record(new CallTransferred(env(6, 1004, "a2", ""), List.of("a"), TransferKind.BLIND, "1001", "1002"));
            journal.record(new LegConnected(env(7, 1005, "a2", "a1")));
            journal.record(8, new HangUp("a", ""));
            journal.endOfBatch();
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            assertEquals(List.of(1L, 2L, 6L, 7L, 8L), sequences(reader.readAll(JournalFilter.all().call("a"))),
                    "native id, transfer and the leg after the transfer (resolved to call a), and the command");
            assertEquals(List.of(4L, 5L), sequences(reader.readAll(JournalFilter.all().agent("agent-07"))));
            assertEquals(List.of(3L, 4L, 5L), sequences(reader.readAll(JournalFilter.all().between(1002, 1004))),
                    "a command takes the time of the event before it");
            assertEquals(9, reader.readAll(JournalFilter.all()).size(), "session marker and eight entries");
        }
    }

    private static List<Long> sequences(List<JournalEntry> entries) {
        return entries.stream().map(e -> e instanceof EventEntry ev ? ev.event().sequence()
                : e instanceof CommandEntry c ? c.sequence() : -1L).toList();
    }

    @Test
    void aReaderReadsWhileTheJournalIsStillWriting() {
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).build()) {
            for (int i = 0; i < 100; i++) {
                journal.record(new LegConnected(env(i, 1000 + i, "c" + i, "l" + i)));
            }
            journal.endOfBatch();
            try (JournalReader reader = JournalReader.open(dir)) {
                assertEquals(101, reader.readAll(JournalFilter.all()).size());
                journal.record(new LegConnected(env(100, 2000, "c100", "l100")));
                journal.endOfBatch();
                assertEquals(102, reader.readAll(JournalFilter.all()).size(), "a new read sees the new entry");
            }
            assertEquals(101, journal.recorded());
        }
    }
}

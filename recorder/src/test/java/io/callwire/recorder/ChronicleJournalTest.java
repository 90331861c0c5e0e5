package io.callwire.recorder;

import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleJournalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void recordsEventsAndCommandsInOrderAndReadsThemBack(Durability durability) {
        List<CtiEvent> events = Samples.events();
        List<CtiCommand> commands = Samples.commands();
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).durability(durability).build()) {
            for (int i = 0; i < events.size(); i++) {
                journal.record(events.get(i));
                if (i < commands.size()) {
                    journal.record(1000 + i, commands.get(i));
                }
                journal.endOfBatch();
            }
            assertEquals(events.size() + commands.size(), journal.recorded());
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            List<JournalEntry> entries = reader.readAll(JournalFilter.all());
            assertInstanceOf(SessionEntry.class, entries.get(0));
            List<Object> payloads = new ArrayList<>();
            long previous = -1;
            for (JournalEntry e : entries) {
                assertTrue(e.index() >= previous, "indexes never decrease");
                previous = e.index();
                if (e instanceof EventEntry ev) {
                    payloads.add(ev.event());
                } else if (e instanceof CommandEntry c) {
                    payloads.add(c.sequence() + ":" + c.command());
                }
            }
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                expected.add(events.get(i));
                if (i < commands.size()) {
                    expected.add((1000 + i) + ":" + commands.get(i));
                }
            }
            assertEquals(expected, payloads);
            long documents = entries.stream().mapToLong(JournalEntry::index).distinct().count();
            assertEquals(durability == Durability.PER_EVENT ? entries.size() : 1 + events.size(), documents,
                    "the session, then one document per ring batch (per entry with PER_EVENT)");
        }
    }
}

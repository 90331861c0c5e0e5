package io.callwire.recorder.privacy;

import io.callwire.core.command.MakeCall;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegCreated;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.recorder.ChronicleJournal;
import io.callwire.recorder.EventEntry;
import io.callwire.recorder.JournalFilter;
import io.callwire.recorder.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalDataPolicyTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[16], "AES");
    private static final Envelope ENV = new Envelope(1, "pbx", 1000, "c1", "l1", "1001", false,
            "Event: Newchannel CallerIDNum: +4930123456");

    @TempDir
    Path dir;

    @Test
    void masksNumbersKeepingTheLastDigitsAndDropsTheRawVendorText() {
        PersonalDataPolicy policy = PersonalDataPolicy.of(Treatment.MASK, Treatment.KEEP, 2, null);
        CallStarted e = (CallStarted) policy.protect(new CallStarted(ENV, Direction.INBOUND, "+4930123456", "5000", ""));
        assertEquals("+********56", e.ani());
        assertEquals("**00", e.dnis());
        assertNull(e.envelope().raw());
        assertEquals("c1", e.callId(), "ids are kept for replay");
        MakeCall c = (MakeCall) policy.protect(new MakeCall("pbx", "1001", "0049-30-555", Map.of("k", "v")));
        assertEquals("****-**-*55", c.destination());
        assertEquals(Map.of("k", "v"), c.data());
    }

    @Test
    void encryptsAttachedDataSoOnlyTheKeyHolderReadsIt() {
        PersonalDataPolicy policy = PersonalDataPolicy.of(Treatment.ENCRYPT, Treatment.ENCRYPT, 0, KEY);
        CallDataChanged e = (CallDataChanged) policy.protect(new CallDataChanged(ENV, Map.of("customer", "Erika Mustermann")));
        String stored = e.data().get("customer");
        assertTrue(stored.startsWith("enc1:"), stored);
        assertEquals("Erika Mustermann", policy.reveal(stored));
        PersonalDataPolicy otherKey = PersonalDataPolicy.of(Treatment.ENCRYPT, Treatment.ENCRYPT, 0,
                new SecretKeySpec(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, "AES"));
        assertThrows(IllegalArgumentException.class, () -> otherKey.reveal(stored));
        assertFalse(policy.toString().contains("SecretKeySpec"));
        assertTrue(policy.toString().contains("key=***"));
    }

    @Test
    void keepingEverythingReturnsTheSameInstance() {
        CallStarted e = new CallStarted(ENV, Direction.INBOUND, "+4930123456", "5000", "");
        assertSame(e, PersonalDataPolicy.none().protect(e));
    }

    @Test
    void theJournalFilesHoldNoClearNumberOrDataWhenConfigured() throws IOException {
        PersonalDataPolicy policy = PersonalDataPolicy.of(Treatment.MASK, Treatment.ENCRYPT, 2, KEY);
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).personalData(policy).build()) {
            journal.record(new CallStarted(ENV, Direction.INBOUND, "+4930123456", "5000", ""));
            journal.record(new LegCreated(ENV, LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK, "+4930123456"));
            journal.record(new CallDataChanged(ENV, Map.of("customer", "Erika Mustermann")));
            journal.endOfBatch();
        }
        String files = allJournalBytes();
        assertFalse(files.contains("4930123456"), "no clear caller number on disk");
        assertFalse(files.contains("Mustermann"), "no clear attached data on disk");
        try (JournalReader reader = JournalReader.open(dir)) {
            List<EventEntry> events = reader.readAll(JournalFilter.all()).stream()
                    .filter(e -> e instanceof EventEntry).map(e -> (EventEntry) e).toList();
            assertEquals("+********56", ((CallStarted) events.get(0).event()).ani());
            String stored = ((CallDataChanged) events.get(2).event()).data().get("customer");
            assertNotEquals("Erika Mustermann", stored);
            assertEquals("Erika Mustermann", policy.reveal(stored));
        }
    }

    private String allJournalBytes() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                out.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out.toString();
    }
}

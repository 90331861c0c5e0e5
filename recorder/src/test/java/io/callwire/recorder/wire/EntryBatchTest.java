package io.callwire.recorder.wire;

import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.EventEntry;
import io.callwire.recorder.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryBatchTest {
    private final WireBuffer entry = new WireBuffer(64);

    @Test
    void aBatchDocumentGivesBackEveryEntryInOrder() {
        List<CtiEvent> events = Samples.events();
        EntryBatch writing = new EntryBatch(64);
        for (CtiEvent event : events) {
            EntryCodec.encodeEvent(event, entry);
            writing.add(entry);
        }
        assertEquals(events.size(), writing.entries());

        EntryBatch reading = read(writing.array(), writing.length());
        List<CtiEvent> back = new ArrayList<>();
        while (reading.next(entry)) {
            back.add(((EventEntry) EntryCodec.decode(7, entry)).event());
        }
        assertEquals(events, back);
        assertFalse(reading.next(entry), "stays at the end");
    }

    @Test
    void aDocumentWrittenBeforeBatchingIsOneEntry() {
        CtiEvent event = Samples.events().get(0);
        WireBuffer legacy = EntryCodecTest.hex(EntryCodecTest.VERSION_1_EVENT);
        EntryBatch reading = read(legacy.array(), legacy.length());
        WireBuffer out = new WireBuffer(16);
        assertTrue(reading.next(out));
        assertEquals(new EventEntry(3, event), EntryCodec.decode(3, out));
        assertFalse(reading.next(out));
    }

    @Test
    void brokenFramingIsAWireFormatError() {
        EntryBatch writing = new EntryBatch(64);
        EntryCodec.encodeEvent(Samples.events().get(0), entry);
        writing.add(entry);
        writing.add(entry);
        byte[] cut = Arrays.copyOf(writing.array(), writing.length() - 3);
        EntryBatch reading = read(cut, cut.length);
        assertTrue(reading.next(entry), "the whole first entry is still read");
        WireFormatException e = assertThrows(WireFormatException.class, () -> reading.next(entry));
        assertTrue(e.getMessage().contains("runs past the document end"), e.getMessage());

        EntryBatch unknown = read(new byte[] {9, 1, 2}, 3);
        assertThrows(WireFormatException.class, () -> unknown.next(entry));
    }

    private static EntryBatch read(byte[] document, int length) {
        EntryBatch reading = new EntryBatch(16);
        System.arraycopy(document, 0, reading.prepareRead(length), 0, length);
        return reading;
    }
}

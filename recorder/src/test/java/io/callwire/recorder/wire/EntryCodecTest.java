package io.callwire.recorder.wire;

import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.CommandEntry;
import io.callwire.recorder.EventEntry;
import io.callwire.recorder.JournalEntry;
import io.callwire.recorder.Samples;
import io.callwire.recorder.SessionEntry;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryCodecTest {
    private final WireBuffer buffer = new WireBuffer(64);

    @Test
    void everyEventTypeRoundTripsExactly() {
        Set<Class<?>> covered = new HashSet<>();
        for (CtiEvent event : Samples.events()) {
            EntryCodec.encodeEvent(event, buffer);
            JournalEntry back = EntryCodec.decode(42, reread());
            assertEquals(new EventEntry(42, event), back);
            covered.add(event.getClass());
        }
        Set<Class<?>> all = Set.of(CtiEvent.class.getPermittedSubclasses());
        assertEquals(all, covered, "a sample for every event type, so a new type cannot miss a wire code");
    }

    @Test
    void everyCommandTypeRoundTripsExactly() {
        Set<Class<?>> covered = new HashSet<>();
        for (CtiCommand command : Samples.commands()) {
            EntryCodec.encodeCommand(77, command, buffer);
            assertEquals(new CommandEntry(5, 77, command), EntryCodec.decode(5, reread()));
            covered.add(command.getClass());
        }
        Set<Class<?>> all = leaves(CtiCommand.class);
        assertEquals(all, covered);
    }

    @Test
    void sessionMarkerRoundTrips() {
        EntryCodec.encodeSession(1_700_000_000_000L, buffer);
        SessionEntry s = assertInstanceOf(SessionEntry.class, EntryCodec.decode(1, reread()));
        assertEquals(1_700_000_000_000L, s.startedAt());
        assertEquals(EntryCodec.FORMAT_VERSION, s.formatVersion());
    }

    @Test
    void aFlippedBitIsCaughtByTheChecksum() {
        EntryCodec.encodeEvent(Samples.events().get(0), buffer);
        WireBuffer in = reread();
        for (int i = 0; i < in.length(); i++) {
            byte[] copy = java.util.Arrays.copyOf(in.array(), in.length());
            copy[i] ^= 0x10;
            WireBuffer bad = new WireBuffer(copy.length);
            bad.wrap(copy, 0, copy.length);
            assertThrows(WireFormatException.class, () -> EntryCodec.decode(1, bad), "byte " + i);
        }
    }

    @Test
    void aTruncatedEntryIsRejected() {
        EntryCodec.encodeEvent(Samples.events().get(1), buffer);
        WireBuffer short1 = new WireBuffer(8);
        short1.wrap(buffer.array(), 0, buffer.length() - 3);
        assertThrows(WireFormatException.class, () -> EntryCodec.decode(1, short1));
    }

    @Test
    void anUnknownVersionIsNamed() {
        WireBuffer b = new WireBuffer(8);
        b.putByte(9);
        b.putByte(1);
        b.putByte(1);
        b.putChecksum();
        WireFormatException e = assertThrows(WireFormatException.class, () -> EntryCodec.decode(1, b));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void entriesAreCompact() {
        EntryCodec.encodeEvent(Samples.events().get(4), buffer);
        assertTrue(buffer.length() < 40, "LegConnected takes " + buffer.length() + " bytes");
    }

    private WireBuffer reread() {
        WireBuffer in = new WireBuffer(buffer.length());
        in.wrap(buffer.array(), 0, buffer.length());
        return in;
    }

    private static Set<Class<?>> leaves(Class<?> type) {
        if (!type.isSealed()) {
            return Set.of(type);
        }
        return Set.of(type.getPermittedSubclasses()).stream().flatMap(c -> leaves(c).stream())
                .collect(Collectors.toSet());
    }

}

package io.callwire.recorder.wire;

import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.CommandEntry;
import io.callwire.recorder.EventEntry;
import io.callwire.recorder.JournalEntry;
import io.callwire.recorder.Samples;
import io.callwire.recorder.SessionEntry;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;

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

    /** Bytes a journal of format version 1 (CRC-32 trailer) holds for the first sample event and a session. */
    static final String VERSION_1_EVENT = "010101010470627882a0abfef9620363310105313030310008494e424f554e440c2b343933"
            + "303132333435360535303030006b8e04c7";
    static final String VERSION_1_SESSION = "01030080a0abfef9625298161e";

    @Test
    void entriesOfFormatVersion1AreStillRead() {
        assertEquals(new EventEntry(9, Samples.events().get(0)), EntryCodec.decode(9, hex(VERSION_1_EVENT)));
        SessionEntry s = assertInstanceOf(SessionEntry.class, EntryCodec.decode(1, hex(VERSION_1_SESSION)));
        assertEquals(1_700_000_000_000L, s.startedAt());
        assertEquals(1, s.formatVersion());

        WireBuffer flipped = hex(VERSION_1_EVENT);
        flipped.array()[10] ^= 0x01;
        WireFormatException e = assertThrows(WireFormatException.class, () -> EntryCodec.decode(9, flipped));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void theTrailerIsTheCrc32cOfTheEntry() {
        EntryCodec.encodeEvent(Samples.events().get(0), buffer);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.length() - 4);
        int trailer = ByteBuffer.wrap(buffer.array(), buffer.length() - 4, 4).getInt();
        assertEquals((int) crc.getValue(), trailer);
        assertEquals(2, buffer.array()[0], "format version");
    }

    static WireBuffer hex(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        WireBuffer b = new WireBuffer(bytes.length);
        b.wrap(bytes, 0, bytes.length);
        return b;
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

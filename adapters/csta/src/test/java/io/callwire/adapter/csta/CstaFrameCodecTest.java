package io.callwire.adapter.csta;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 8-byte header framing on an EmbeddedChannel: round trips, split and joined input, and every broken header. */
class CstaFrameCodecTest {

    static ByteBuf frame(int version, int length, String invokeId, String body) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(version).writeShort(length).writeBytes(invokeId.getBytes(StandardCharsets.US_ASCII))
                .writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return b;
    }

    static ByteBuf frame(String invokeId, String body) {
        return frame(0, 8 + body.getBytes(StandardCharsets.UTF_8).length, invokeId, body);
    }

    private static EmbeddedChannel decoder() {
        return new EmbeddedChannel(new CstaFrameDecoder(CstaFrame.MAX_FRAME_LENGTH));
    }

    @Test
    void encodesTheHeaderAndDecodesItBack() {
        EmbeddedChannel out = new EmbeddedChannel(new CstaFrameEncoder(CstaFrame.MAX_FRAME_LENGTH));
        String body = "<MakeCall>ä</MakeCall>";
        assertTrue(out.writeOutbound(new CstaFrame(42, body)));
        ByteBuf wire = out.readOutbound();
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(0, wire.getUnsignedShort(0));
        assertEquals(8 + bytes, wire.getUnsignedShort(2));
        assertEquals("0042", wire.toString(4, 4, StandardCharsets.US_ASCII));
        assertEquals(8 + bytes, wire.readableBytes());
        EmbeddedChannel in = decoder();
        assertTrue(in.writeInbound(wire));
        assertEquals(new CstaFrame(42, body), in.readInbound());
    }

    @Test
    void reassemblesFramesSplitAtEveryByteAndSplitsJoinedOnes() {
        ByteBuf joined = Unpooled.buffer().writeBytes(frame("0001", "<a/>")).writeBytes(frame("9999", "<b>x</b>"))
                .writeBytes(frame("0003", ""));
        EmbeddedChannel in = decoder();
        while (joined.isReadable()) {
            in.writeInbound(joined.readRetainedSlice(1));
        }
        joined.release();
        assertEquals(new CstaFrame(1, "<a/>"), in.readInbound());
        assertEquals(new CstaFrame(9999, "<b>x</b>"), in.readInbound());
        assertEquals(new CstaFrame(3, ""), in.readInbound());
        assertNull(in.readInbound());
    }

    @Test
    void aLengthBelowTheHeaderIsATypedErrorAndLaterInputIsDiscarded() {
        EmbeddedChannel in = decoder();
        CstaFramingException e = assertThrows(CstaFramingException.class, () -> in.writeInbound(frame(0, 5, "0001", "")));
        assertEquals("frame length 5 is below the 8-byte header", e.getMessage());
        assertFalse(in.writeInbound(frame("0002", "<a/>")));
    }

    @Test
    void otherBrokenHeadersAreTypedErrors() {
        assertEquals("frame header version 1 (expected 0)",
                assertThrows(CstaFramingException.class, () -> decoder().writeInbound(frame(1, 12, "0001", "<a/>"))).getMessage());
        assertEquals("invoke id byte 2 is 0x41, not an ASCII digit",
                assertThrows(CstaFramingException.class, () -> decoder().writeInbound(frame(0, 12, "00A1", "<a/>"))).getMessage());
        EmbeddedChannel small = new EmbeddedChannel(new CstaFrameDecoder(100));
        assertEquals("frame length 200 exceeds the limit of 100 bytes",
                assertThrows(CstaFramingException.class, () -> small.writeInbound(frame(0, 200, "0001", "<a/>"))).getMessage());
    }

    @Test
    void aFrameCutOffByTheEndOfTheStreamIsReported() {
        EmbeddedChannel in = decoder();
        assertFalse(in.writeInbound(frame(0, 500, "0001", "<a/>")));
        CstaFrameDecoder d = in.pipeline().get(CstaFrameDecoder.class);
        assertEquals(12, d.pendingBytes());
        CstaFramingException e = assertThrows(CstaFramingException.class, in::finish);
        assertEquals("stream ended inside a frame: header states 500 bytes, 12 arrived", e.getMessage());
    }

    @Test
    void theEncoderRefusesAFrameAboveTheLimit() {
        EmbeddedChannel out = new EmbeddedChannel(new CstaFrameEncoder(64));
        EncoderException e = assertThrows(EncoderException.class, () -> out.writeOutbound(new CstaFrame(7, "x".repeat(57))));
        CstaFramingException cause = assertInstanceOf(CstaFramingException.class, e.getCause());
        assertEquals("outgoing frame of 65 bytes exceeds the limit of 64 bytes (invoke id 7)", cause.getMessage());
        assertTrue(out.writeOutbound(new CstaFrame(7, "x".repeat(56))));
    }

    @Test
    void theLargestFrameTheLengthFieldCanStatePasses() {
        String body = "<a>" + "x".repeat(CstaFrame.MAX_FRAME_LENGTH - 8 - 7) + "</a>";
        EmbeddedChannel out = new EmbeddedChannel(new CstaFrameEncoder(CstaFrame.MAX_FRAME_LENGTH));
        out.writeOutbound(new CstaFrame(1, body));
        ByteBuf wire = out.readOutbound();
        assertEquals(0xFFFF, wire.getUnsignedShort(2));
        EmbeddedChannel in = decoder();
        in.writeInbound(wire);
        assertEquals(body, ((CstaFrame) in.readInbound()).xml());
        assertThrows(EncoderException.class, () -> out.writeOutbound(new CstaFrame(1, body + "y")));
    }
}

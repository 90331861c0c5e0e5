package io.callwire.adapter.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeaks.class)
class EslFrameDecoderTest {

    private static final String AUTH = "Content-Type: auth/request\n\n";
    private static final String EVENT_BODY = "Event-Name: CHANNEL_ANSWER\nCaller-Caller-ID-Name: Anna%20M%C3%BCller\n"
            + "Caller-Caller-ID-Number: %2B4930123456\nUnique-ID: 6f1a\n\n";
    private static final String EVENT = "Content-Length: " + utf8(EVENT_BODY).length
            + "\nContent-Type: text/event-plain\n\n" + EVENT_BODY;
    private static final String API = "Content-Type: api/response\nContent-Length: 14\n\n+OK accepted\n\n";

    @Test
    void decodesFramesOfEveryKindFromOneBuffer() {
        EmbeddedChannel ch = channel(1 << 20);
        assertTrue(ch.writeInbound(buf(AUTH + EVENT + API)));
        List<EslFrame> frames = drain(ch);
        assertEquals(3, frames.size());
        assertEquals("auth/request", frames.get(0).contentType());
        assertEquals("", frames.get(0).body());
        assertEquals("text/event-plain", frames.get(1).contentType());
        assertEquals(EVENT_BODY, frames.get(1).body());
        assertEquals("+OK accepted\n\n", frames.get(2).body());
        assertFalse(ch.finish());
    }

    @Test
    void aFrameSplitAtEveryByteDecodesTheSame() {
        String stream = AUTH + EVENT + API + EVENT;
        byte[] bytes = utf8(stream);
        for (int split = 1; split < bytes.length; split++) {
            EmbeddedChannel ch = channel(1 << 20);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            List<EslFrame> frames = drain(ch);
            assertEquals(4, frames.size(), "split at " + split);
            assertEquals(EVENT_BODY, frames.get(3).body(), "split at " + split);
            assertFalse(ch.finish());
        }
    }

    @Test
    void aStreamFedOneByteAtATimeDecodesTheSame() {
        EmbeddedChannel ch = channel(1 << 20);
        for (byte b : utf8(AUTH + EVENT + API)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{b}));
        }
        List<EslFrame> frames = drain(ch);
        assertEquals(List.of("auth/request", "text/event-plain", "api/response"),
                frames.stream().map(EslFrame::contentType).toList());
        assertFalse(ch.finish());
    }

    @Test
    void plainEventValuesAreUrlDecodedAndPlusStaysPlus() {
        EslEvent e = EslEvent.plain(EVENT_BODY);
        assertEquals("CHANNEL_ANSWER", e.name());
        assertEquals("Anna Müller", e.header("Caller-Caller-ID-Name"));
        assertEquals("+4930123456", e.header("Caller-Caller-ID-Number"));
        assertEquals("100%", EslEvent.urlDecode("100%"));
        assertEquals("a+b", EslEvent.urlDecode("a+b"));
    }

    @Test
    void plainEventWithItsOwnBody() {
        String inner = "+OK 7f4de4bc\n";
        EslEvent e = EslEvent.plain("Event-Name: BACKGROUND_JOB\nJob-UUID: j1\nContent-Length: " + inner.length()
                + "\n\n" + inner);
        assertEquals("j1", e.header("Job-UUID"));
        assertEquals(inner, e.body());
    }

    @Test
    void jsonEvent() {
        EslEvent e = EslEvent.json("{\"Event-Name\":\"CUSTOM\",\"Event-Subclass\":\"callcenter::info\","
                + "\"CC-Action\":\"agent-offering\",\"_body\":\"x\"}");
        assertEquals("callcenter::info", e.name());
        assertEquals("agent-offering", e.header("CC-Action"));
        assertEquals("x", e.body());
        assertThrows(EslProtocolException.class, () -> EslEvent.json("{\"Event-Name\":\"DTMF\",\"Uniq"));
    }

    @Test
    void aContentLengthThatIsNotANumberIsAClearError() {
        assertProtocolError("Content-Type: api/response\nContent-Length: 12x\n\n", "not a number");
        assertProtocolError("Content-Type: api/response\nContent-Length: -5\n\n", "negative");
    }

    @Test
    void aFrameOverTheLimitIsAClearErrorAndTheRestIsDiscarded() {
        EmbeddedChannel ch = channel(1024);
        EslProtocolException e = assertThrows(EslProtocolException.class,
                () -> ch.writeInbound(buf("Content-Type: api/response\nContent-Length: 5000000\n\n")));
        assertTrue(e.getMessage().contains("maxFrameBytes=1024"), e.getMessage());
        ch.writeInbound(buf(AUTH));   // discarded: framing is lost, the connection is about to close
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void headersWithoutBlankLineBeyondTheLimitAreAClearError() {
        EmbeddedChannel ch = channel(1024);
        EslProtocolException e = assertThrows(EslProtocolException.class,
                () -> ch.writeInbound(buf("Content-Type: text/event-plain\n" + "X-Filler: y\n".repeat(200))));
        assertTrue(e.getMessage().contains("header block longer"), e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void aContentLengthThatLiesShortIsCaughtAtTheNextFrame() {
        // announces 20 bytes, sends the whole event: the rest of the body reads as a frame without Content-Type
        String lying = "Content-Length: 20\nContent-Type: text/event-plain\n\n" + EVENT_BODY;
        EmbeddedChannel ch = channel(1 << 20);
        EslProtocolException e = assertThrows(EslProtocolException.class, () -> ch.writeInbound(buf(lying + EVENT)));
        assertTrue(e.getMessage().contains("without Content-Type") || e.getMessage().contains("without 'Name:'"),
                e.getMessage());
        List<EslFrame> frames = drain(ch);
        assertEquals(1, frames.size());   // the truncated frame itself was delivered before the error
        assertEquals("Event-Name: CHANNEL_", frames.get(0).body());
        ch.finishAndReleaseAll();
    }

    @Test
    void aContentLengthThatLiesLongSwallowsTheNextFrameAndTheEventParserSaysSo() {
        int len = utf8(EVENT_BODY).length + 30;
        String lying = "Content-Length: " + len + "\nContent-Type: text/event-plain\n\n" + EVENT_BODY;
        EmbeddedChannel ch = channel(1 << 20);
        EslProtocolException framing = assertThrows(EslProtocolException.class, () -> ch.writeInbound(buf(lying + EVENT)));
        assertTrue(framing.getMessage().contains("without Content-Type"), framing.getMessage());
        EslFrame swallowed = ch.readInbound();
        EslProtocolException e = assertThrows(EslProtocolException.class, () -> EslEvent.plain(swallowed.body()));
        assertTrue(e.getMessage().contains("unexpected bytes after the event headers"), e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void commandsAreEncodedWithTheirHeadersAndABlankLine() {
        EmbeddedChannel ch = new EmbeddedChannel(new EslCommandEncoder());
        ch.writeOutbound(new EslCommand("bgapi uuid_hold 6f1a", Map.of("Job-UUID", "j1"), false));
        ByteBuf out = ch.readOutbound();
        assertEquals("bgapi uuid_hold 6f1a\nJob-UUID: j1\n\n", out.toString(StandardCharsets.UTF_8));
        out.release();
        assertEquals("auth ***", new EslCommand("auth ClueCon", Map.of(), true).toString());
        assertThrows(IllegalArgumentException.class, () -> EslCommand.of("api status\n\nauth x"));
        assertFalse(ch.finish());
    }

    private static void assertProtocolError(String input, String expected) {
        EmbeddedChannel ch = channel(1 << 20);
        EslProtocolException e = assertThrows(EslProtocolException.class, () -> ch.writeInbound(buf(input)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        ch.finishAndReleaseAll();
    }

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new EslFrameDecoder(max));
    }

    private static List<EslFrame> drain(EmbeddedChannel ch) {
        List<EslFrame> out = new ArrayList<>();
        for (EslFrame f; (f = ch.readInbound()) != null; ) {
            out.add(f);
        }
        return out;
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

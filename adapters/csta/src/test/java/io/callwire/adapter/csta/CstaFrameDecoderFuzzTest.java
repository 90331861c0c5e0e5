package io.callwire.adapter.csta;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Property tests of the frame decoder: any byte soup is either frames or a typed error; valid streams survive any split. */
class CstaFrameDecoderFuzzTest {

    /**
     * Arbitrary bytes, often starting like a frame: the decoder agrees with a plain reading of the header rules
     * frame by frame, and fails with a CstaFramingException exactly where that reading finds a broken header or
     * a frame cut off by the end of the stream. No other exception escapes.
     */
    @Property(tries = 400)
    void arbitraryBytesYieldTheFramesTheRulesDescribeOrATypedError(@ForAll("soup") byte[] bytes,
                                                                  @ForAll @IntRange(min = 1, max = 64) int chunk) {
        List<Integer> expectedIds = new ArrayList<>();
        boolean expectError = reference(bytes, expectedIds);
        EmbeddedChannel in = new EmbeddedChannel(new CstaFrameDecoder(CstaFrame.MAX_FRAME_LENGTH));
        boolean failed = false;
        for (int i = 0; i < bytes.length; i += chunk) {
            try {
                in.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
            } catch (CstaFramingException e) {
                failed = true;
            }
        }
        try {
            in.finish();
        } catch (CstaFramingException e) {
            failed = true;
        }
        List<Integer> ids = new ArrayList<>();
        Object o;
        while ((o = in.readInbound()) != null) {
            ids.add(((CstaFrame) o).invokeId());
        }
        assertEquals(expectedIds, ids);
        assertEquals(expectError, failed);
    }

    /** The header rules read plainly: the invoke ids of the whole frames, true when the stream breaks a rule. */
    private static boolean reference(byte[] b, List<Integer> ids) {
        int at = 0;
        while (at < b.length) {
            if (b.length - at < 4) {
                return true;
            }
            int version = (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
            int length = (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
            if (version != 0 || length < 8) {
                return true;
            }
            if (b.length - at < length) {
                return true;
            }
            int id = 0;
            for (int i = 4; i < 8; i++) {
                int d = b[at + i] - '0';
                if (d < 0 || d > 9) {
                    return true;
                }
                id = id * 10 + d;
            }
            ids.add(id);
            at += length;
        }
        return false;
    }

    @Provide
    Arbitrary<byte[]> soup() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> frameLike = Arbitraries.integers().between(0, 40).flatMap(len ->
                Arbitraries.strings().withChars("0123456789A").ofLength(4).flatMap(id ->
                        Arbitraries.integers().between(0, 2).flatMap(version ->
                                Arbitraries.bytes().array(byte[].class).ofMaxSize(60).map(tail -> {
                                    ByteBuf b = Unpooled.buffer();
                                    b.writeShort(version == 2 ? 0 : version).writeShort(len)
                                            .writeBytes(id.getBytes(StandardCharsets.US_ASCII)).writeBytes(tail);
                                    byte[] out = new byte[b.readableBytes()];
                                    b.readBytes(out);
                                    return out;
                                }))));
        return Arbitraries.oneOf(random, frameLike, frameLike.list().ofMaxSize(4).map(parts -> {
            ByteBuf b = Unpooled.buffer();
            parts.forEach(b::writeBytes);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        }));
    }

    @Property(tries = 150)
    void validFramesComeOutWholeWhateverTheChunking(@ForAll("bodies") List<String> bodies,
                                                    @ForAll @IntRange(min = 1, max = 97) int chunk) {
        ByteBuf stream = Unpooled.buffer();
        List<CstaFrame> sent = new ArrayList<>();
        int id = 0;
        for (String body : bodies) {
            id = id % 9999 + 1;
            sent.add(new CstaFrame(id, body));
            stream.writeBytes(CstaFrameCodecTest.frame(String.format("%04d", id), body));
        }
        EmbeddedChannel in = new EmbeddedChannel(new CstaFrameDecoder(CstaFrame.MAX_FRAME_LENGTH));
        while (stream.isReadable()) {
            in.writeInbound(stream.readRetainedSlice(Math.min(chunk, stream.readableBytes())));
        }
        stream.release();
        List<CstaFrame> got = new ArrayList<>();
        Object o;
        while ((o = in.readInbound()) != null) {
            got.add((CstaFrame) o);
        }
        assertEquals(sent, got);
        assertEquals(0, in.pipeline().get(CstaFrameDecoder.class).pendingBytes());
    }

    @Provide
    Arbitrary<List<String>> bodies() {
        return Arbitraries.strings().withCharRange(' ', 'ÿ').ofMaxLength(300)
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length < 2000).list().ofMaxSize(12);
    }
}

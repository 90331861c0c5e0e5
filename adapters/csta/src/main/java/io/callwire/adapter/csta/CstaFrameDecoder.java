package io.callwire.adapter.csta;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream into {@link CstaFrame}s by the 8-byte header: 2 bytes version (0), 2 bytes total length
 * big-endian including the header, 4 ASCII digits invoke id. A broken header fails with a
 * {@link CstaFramingException} naming what is wrong, after which the decoder discards all further input (the
 * stream has lost its framing; the owner closes the connection).
 */
final class CstaFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameLength;
    private boolean broken;

    CstaFrameDecoder(int maxFrameLength) {
        if (maxFrameLength < CstaFrame.HEADER_LENGTH || maxFrameLength > CstaFrame.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be 8.." + CstaFrame.MAX_FRAME_LENGTH + ", got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /** Bytes of an incomplete frame waiting for the rest, 0 when between frames. */
    int pendingBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int start = in.readerIndex();
        int version = in.getUnsignedShort(start);
        int length = in.getUnsignedShort(start + 2);
        if (version != CstaFrame.VERSION) {
            throw fail(in, "frame header version " + version + " (expected 0)");
        }
        if (length < CstaFrame.HEADER_LENGTH) {
            throw fail(in, "frame length " + length + " is below the 8-byte header");
        }
        if (length > maxFrameLength) {
            throw fail(in, "frame length " + length + " exceeds the limit of " + maxFrameLength + " bytes");
        }
        if (in.readableBytes() < length) {
            return;
        }
        int invokeId = 0;
        for (int i = 4; i < 8; i++) {
            byte b = in.getByte(start + i);
            if (b < '0' || b > '9') {
                throw fail(in, "invoke id byte " + (i - 4) + " is 0x" + Integer.toHexString(b & 0xFF) + ", not an ASCII digit");
            }
            invokeId = invokeId * 10 + (b - '0');
        }
        String xml = in.toString(start + 8, length - 8, StandardCharsets.UTF_8);
        in.skipBytes(length);
        out.add(new CstaFrame(invokeId, xml));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!broken && in.isReadable()) {
            int have = in.readableBytes();
            String stated = have >= 4 ? String.valueOf(in.getUnsignedShort(in.readerIndex() + 2)) : "an unread number of";
            in.skipBytes(have);
            throw new CstaFramingException("stream ended inside a frame: header states " + stated + " bytes, "
                    + have + " arrived");
        }
    }

    private CstaFramingException fail(ByteBuf in, String message) {
        broken = true;
        in.skipBytes(in.readableBytes());
        return new CstaFramingException(message);
    }
}

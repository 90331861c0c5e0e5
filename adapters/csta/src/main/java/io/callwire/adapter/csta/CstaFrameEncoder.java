package io.callwire.adapter.csta;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;

/** Writes a {@link CstaFrame} with its 8-byte header; a message above the frame limit fails with a typed error. */
@ChannelHandler.Sharable
final class CstaFrameEncoder extends MessageToByteEncoder<CstaFrame> {
    private final int maxFrameLength;

    CstaFrameEncoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CstaFrame frame, ByteBuf out) {
        byte[] body = frame.xml().getBytes(StandardCharsets.UTF_8);
        int length = body.length + CstaFrame.HEADER_LENGTH;
        if (length > maxFrameLength) {
            throw new EncoderException(new CstaFramingException("outgoing frame of " + length
                    + " bytes exceeds the limit of " + maxFrameLength + " bytes (invoke id " + frame.invokeId() + ")"));
        }
        out.writeShort(CstaFrame.VERSION);
        out.writeShort(length);
        int id = frame.invokeId();
        out.writeByte('0' + id / 1000).writeByte('0' + id / 100 % 10).writeByte('0' + id / 10 % 10).writeByte('0' + id % 10);
        out.writeBytes(body);
    }
}

package io.callwire.adapter.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes an {@link EslCommand} as {@code line\n[Name: value\n]...\n}. */
final class EslCommandEncoder extends MessageToByteEncoder<EslCommand> {

    EslCommandEncoder() {
        super(EslCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, EslCommand command, ByteBuf out) {
        out.writeCharSequence(command.line(), StandardCharsets.UTF_8);
        out.writeByte('\n');
        for (Map.Entry<String, String> h : command.headers().entrySet()) {
            out.writeCharSequence(h.getKey(), StandardCharsets.UTF_8);
            out.writeCharSequence(": ", StandardCharsets.US_ASCII);
            out.writeCharSequence(h.getValue(), StandardCharsets.UTF_8);
            out.writeByte('\n');
        }
        out.writeByte('\n');
    }
}

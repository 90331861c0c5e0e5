package io.callwire.examples.web;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * A browser's WebSocket as a {@link DeskClient}. Messages are written in the order {@link #send} is called. A
 * browser that stops reading is disconnected once its unsent messages pass the channel's high water mark,
 * rather than holding the server's memory or silently skipping messages.
 */
final class SocketClient implements DeskClient {
    private final Channel channel;
    private final Session session;
    private boolean closing;

    SocketClient(Channel channel, Session session) {
        this.channel = channel;
        this.session = session;
    }

    Session session() {
        return session;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public synchronized void send(String json) {
        if (closing || !channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            closing = true;
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "too slow: messages not read"))
                    .addListener(f -> channel.close());
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    /** Closes the socket because the session ended. */
    synchronized void expire() {
        closing = true;
        channel.writeAndFlush(new CloseWebSocketFrame(4401, "session expired")).addListener(f -> channel.close());
    }
}

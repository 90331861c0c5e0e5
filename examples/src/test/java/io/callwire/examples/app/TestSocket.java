package io.callwire.examples.app;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A browser's event stream as a Netty WebSocket client: collects every text message in arrival order. */
final class TestSocket extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private Channel channel;

    /** Connects with the session cookie and CSRF token from this site's origin. */
    static TestSocket open(EventLoopGroup group, int port, String sessionId, String csrf) {
        TestSocket socket = new TestSocket();
        HttpHeaders headers = new DefaultHttpHeaders().set("Cookie", "cw_session=" + sessionId)
                .set("Origin", "http://127.0.0.1:" + port);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("ws://127.0.0.1:" + port + "/ws?csrf=" + csrf)).customHeaders(headers)
                .maxFramePayloadLength(1 << 20).build();
        socket.channel = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(config), socket);
            }
        }).connect("127.0.0.1", port).syncUninterruptibly().channel();
        return socket;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshake.complete(null);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        messages.add(frame.text());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshake.completeExceptionally(cause);
        ctx.close();
    }

    boolean isOpen() {
        return channel.isActive();
    }

    void close() {
        channel.close().syncUninterruptibly();
    }
}

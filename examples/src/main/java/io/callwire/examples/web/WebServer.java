package io.callwire.examples.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent app's HTTP and WebSocket server on Netty: one pipeline per connection of
 * {@code HttpServerCodec -> HttpObjectAggregator -> HttpRequestHandler}, to which a WebSocket upgrade adds the
 * WebSocket protocol handler and {@code SocketFrameHandler}. API requests run on a small executor so the event
 * loops never wait for the switch or the database.
 */
public final class WebServer implements AutoCloseable {
    private static final int MAX_REQUEST = 64 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService api;
    private final ScheduledExecutorService sweeper;
    private final Channel server;
    private final int port;

    private WebServer(EventLoopGroup group, ExecutorService api, ScheduledExecutorService sweeper, Channel server) {
        this.group = group;
        this.api = api;
        this.sweeper = sweeper;
        this.server = server;
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Binds and starts serving; fails when the address is taken. */
    public static WebServer start(WebConfig config, ApiRoutes routes, SessionStore sessions, DeskHub hub)
            throws InterruptedException {
        // expired sessions' sockets are closed within half the idle timeout, at most 10 s late
        long sweepMillis = Math.max(100, Math.min(10_000, sessions.idleTimeout().toMillis() / 2));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("web-io", true),
                NioIoHandler.newFactory());
        ExecutorService api = Executors.newFixedThreadPool(4, new DefaultThreadFactory("web-api", true));
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("web-sessions", true));
        Set<SocketClient> sockets = ConcurrentHashMap.newKeySet();
        Set<String> hosts = ConcurrentHashMap.newKeySet();
        Site site = new Site(routes, sessions, hub, new StaticContent(), hosts, api, sockets);
        try {
            io.netty.channel.ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 16 << 20))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST),
                                    new HttpRequestHandler(site));
                        }
                    }).bind(config.bind(), config.port()).await();
            if (!bound.isSuccess()) {
                throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                        + bound.cause().getMessage(), bound.cause());
            }
            Channel server = bound.channel();
            WebServer web = new WebServer(group, api, sweeper, server);
            hosts.addAll(config.allowedHosts(web.port));
            sweeper.scheduleWithFixedDelay(() -> {
                sessions.sweep();
                for (SocketClient socket : sockets) {
                    if (!sessions.live(socket.session())) {
                        socket.expire();
                    }
                }
            }, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            return web;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            api.shutdownNow();
            sweeper.shutdownNow();
            throw e;
        }
    }

    /** The bound TCP port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        sweeper.shutdownNow();
        api.shutdown();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

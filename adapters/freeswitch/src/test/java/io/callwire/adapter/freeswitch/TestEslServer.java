package io.callwire.adapter.freeswitch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A FreeSWITCH stand-in on 127.0.0.1 that speaks the Event Socket text protocol of mod_event_socket (inbound
 * mode): auth/request, command/reply, api/response, bgapi with BACKGROUND_JOB, text/event-plain with
 * URL-encoded values or text/event-json, disconnect notices. Tests push events and faults through it.
 */
final class TestEslServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String password;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private volatile Channel client;
    private volatile String format = "";
    final AtomicInteger authAttempts = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    final Queue<String> commands = new ConcurrentLinkedQueue<>();
    final Queue<String> subscriptionLines = new ConcurrentLinkedQueue<>();
    volatile Supplier<String> channelsJson = () -> "{\"row_count\":0}";
    volatile Supplier<String> agentList = () -> "-ERR Unknown command: callcenter_config\n";
    volatile Supplier<String> queueList = () -> "-ERR Unknown command: callcenter_config\n";
    volatile Function<String, String> queueMembers = queue -> "-ERR Unknown command: callcenter_config\n";
    /** bgapi command (without "bgapi ") -> job result text; null means never answer the job. */
    volatile Function<String, String> jobs = cmd -> "+OK\n";

    TestEslServer(String password) throws InterruptedException {
        this.password = password;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new CommandDecoder(), new Session());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    boolean subscribed() {
        Channel c = client;
        return c != null && c.isActive() && !format.isEmpty();
    }

    /** Sends one event in the format the client subscribed to. */
    void send(List<Map.Entry<String, String>> headers) {
        client().writeAndFlush(Unpooled.copiedBuffer(frame(headers), StandardCharsets.UTF_8));
    }

    /** Sends many events with one flush (a burst as fast as the socket takes it). */
    void sendAll(List<List<Map.Entry<String, String>>> events) {
        Channel c = client();
        List<ByteBuf> chunks = new ArrayList<>();
        StringBuilder batch = new StringBuilder(64 * 1024);
        for (List<Map.Entry<String, String>> e : events) {
            batch.append(frame(e));
            if (batch.length() > 60 * 1024) {
                chunks.add(Unpooled.copiedBuffer(batch, StandardCharsets.UTF_8));
                batch.setLength(0);
            }
        }
        chunks.add(Unpooled.copiedBuffer(batch, StandardCharsets.UTF_8));
        c.eventLoop().execute(() -> {
            for (ByteBuf chunk : chunks) {
                c.write(chunk);
            }
            c.flush();
        });
    }

    /** Sends bytes as they are (for broken frames). */
    void sendRaw(String text) {
        client().writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /** Sends the first half of an event frame, then closes the socket. */
    void dropMidFrame(List<Map.Entry<String, String>> headers) {
        String f = frame(headers);
        Channel c = client();
        c.writeAndFlush(Unpooled.copiedBuffer(f.substring(0, f.length() / 2), StandardCharsets.UTF_8))
                .addListener(x -> c.close());
        format = "";
    }

    String frame(List<Map.Entry<String, String>> headers) {
        String body;
        String type;
        if (format.equals("json")) {
            ObjectNode o = JSON.createObjectNode();
            headers.forEach(h -> o.put(h.getKey(), h.getValue()));
            body = o.toString();
            type = "text/event-json";
        } else {
            StringBuilder b = new StringBuilder();
            headers.forEach(h -> b.append(h.getKey()).append(": ").append(urlEncode(h.getValue())).append('\n'));
            b.append('\n');
            body = b.toString();
            type = "text/event-plain";
        }
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\nContent-Type: " + type + "\n\n" + body;
    }

    /** Percent-encodes like FreeSWITCH's switch_url_encode: everything but unreserved characters. */
    static String urlEncode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append(c);
            } else {
                b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
            }
        }
        return b.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Channel client() {
        Channel c = client;
        if (c == null) {
            throw new IllegalStateException("no client connected");
        }
        return c;
    }

    /** Closes the client's connection, as FreeSWITCH does on a restart. */
    void disconnect() {
        Channel c = client;
        format = "";
        if (c != null) {
            c.close().syncUninterruptibly();
        }
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        server.close().syncUninterruptibly();   // no new connections from here on
        Channel c = client;
        if (c != null) {
            c.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Splits what the client sends into command blocks ending in a blank line. */
    private static final class CommandDecoder extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (true) {
                int end = -1;
                for (int i = in.readerIndex(); i + 1 < in.writerIndex(); i++) {
                    if (in.getByte(i) == '\n' && in.getByte(i + 1) == '\n') {
                        end = i;
                        break;
                    }
                }
                if (end < 0) {
                    return;
                }
                out.add(in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8));
                in.readerIndex(end + 2);
            }
        }
    }

    private final class Session extends SimpleChannelInboundHandler<String> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = ctx.channel();
            write(ctx, "Content-Type: auth/request\n\n");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String block) {
            String[] lines = block.split("\n");
            String line = lines[0];
            if (line.startsWith("auth ")) {
                authAttempts.incrementAndGet();
                if (line.substring(5).equals(password)) {
                    reply(ctx, "+OK accepted");
                } else {
                    reply(ctx, "-ERR invalid");
                    String bye = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
                    write(ctx, "Content-Type: text/disconnect-notice\nContent-Length: " + bye.length() + "\n\n" + bye);
                    ctx.close();
                }
            } else if (line.startsWith("event ")) {
                String[] parts = line.split(" ", 3);
                subscriptionLines.add(line);
                format = parts[1];
                subscriptions.incrementAndGet();
                reply(ctx, "+OK event listener enabled " + parts[1]);
            } else if (line.startsWith("api ")) {
                String cmd = line.substring(4);
                commands.add("api " + cmd);
                String body = cmd.equals("show channels as json") ? channelsJson.get()
                        : cmd.equals("callcenter_config agent list") ? agentList.get()
                        : cmd.equals("callcenter_config queue list") ? queueList.get()
                        : cmd.startsWith("callcenter_config queue list members ")
                        ? queueMembers.apply(cmd.substring("callcenter_config queue list members ".length()))
                        : "-ERR " + cmd.split(" ")[0] + " Command not found!\n";
                write(ctx, "Content-Type: api/response\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\n\n" + body);
            } else if (line.startsWith("bgapi ")) {
                String cmd = line.substring(6);
                String job = "";
                for (String h : lines) {
                    if (h.startsWith("Job-UUID: ")) {
                        job = h.substring(10);
                    }
                }
                commands.add("bgapi " + cmd);
                ctx.writeAndFlush(Unpooled.copiedBuffer("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job
                        + "\nJob-UUID: " + job + "\n\n", StandardCharsets.UTF_8));
                String result = jobs.apply(cmd);
                if (result != null) {
                    List<Map.Entry<String, String>> h = new ArrayList<>();
                    h.add(Map.entry("Event-Name", "BACKGROUND_JOB"));
                    h.add(Map.entry("Core-UUID", "2d5f0c1e-5a0b-4b8e-9a36-7d0b8c1f0001"));
                    h.add(Map.entry("Event-Date-Timestamp", String.valueOf(System.currentTimeMillis() * 1000)));
                    h.add(Map.entry("Job-UUID", job));
                    h.add(Map.entry("Job-Command", cmd.split(" ")[0]));
                    h.add(Map.entry("Job-Command-Arg", cmd.contains(" ") ? cmd.substring(cmd.indexOf(' ') + 1) : ""));
                    String f = frame(h);
                    // an event with a body: the plain form carries its own Content-Length after the headers
                    if (format.equals("json")) {
                        ObjectNode o = JSON.createObjectNode();
                        h.forEach(x -> o.put(x.getKey(), x.getValue()));
                        o.put("Content-Length", String.valueOf(result.getBytes(StandardCharsets.UTF_8).length));
                        o.put("_body", result);
                        String body = o.toString();
                        f = "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                                + "\nContent-Type: text/event-json\n\n" + body;
                    } else {
                        StringBuilder b = new StringBuilder();
                        h.forEach(x -> b.append(x.getKey()).append(": ").append(urlEncode(x.getValue())).append('\n'));
                        b.append("Content-Length: ").append(result.getBytes(StandardCharsets.UTF_8).length).append("\n\n");
                        b.append(result);
                        String body = b.toString();
                        f = "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                                + "\nContent-Type: text/event-plain\n\n" + body;
                    }
                    write(ctx, f);
                }
            } else {
                reply(ctx, "-ERR command not found");
            }
        }

        private void reply(ChannelHandlerContext ctx, String text) {
            write(ctx, "Content-Type: command/reply\nReply-Text: " + text + "\n\n");
        }

        private void write(ChannelHandlerContext ctx, String text) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (client == ctx.channel()) {
                format = "";
            }
        }
    }
}

package io.callwire.adapter.freeswitch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The client side of one Event Socket connection: answers {@code auth/request}, subscribes, then sends
 * {@code api} and {@code bgapi} requests and matches their answers. Replies ({@code command/reply},
 * {@code api/response}) come back in the order requests were sent, so they complete a FIFO of waiting
 * futures; a {@code bgapi} carries its own {@code Job-UUID} and completes when the BACKGROUND_JOB with that id
 * arrives. Every other event goes to the listener. All state lives on the channel's event loop; {@link #api}
 * and {@link #bgapi} may be called from any thread.
 */
final class EslSession extends SimpleChannelInboundHandler<EslFrame> {
    private static final Logger log = LoggerFactory.getLogger(EslSession.class);

    /** What happens on the connection, reported on its event loop. */
    interface Listener {
        /** Authenticated and subscribed: requests may flow. */
        void onReady(EslSession session);

        /** An event the session did not consume itself. */
        void onEvent(EslEvent event);

        /** The switch refused us (wrong password, ACL); reconnecting would not help. */
        void onRejected(String reason);

        /** The connection is gone; {@code reason} says why. */
        void onClosed(String reason);
    }

    private enum Phase { AWAIT_AUTH_REQUEST, AUTHENTICATING, SUBSCRIBING, READY }

    private final String switchId;
    private final Supplier<String> password;
    private final String subscription;
    private final boolean json;
    private final Listener listener;
    private final ArrayDeque<CompletableFuture<EslFrame>> replies = new ArrayDeque<>();
    private final Map<String, CompletableFuture<String>> jobs = new HashMap<>();
    private Channel channel;
    private Phase phase = Phase.AWAIT_AUTH_REQUEST;
    private String closeReason = "connection closed by the switch";
    private boolean rejected;

    EslSession(String switchId, Supplier<String> password, String subscription, boolean json, Listener listener) {
        this.switchId = switchId;
        this.password = password;
        this.subscription = subscription;
        this.json = json;
        this.listener = listener;
    }

    /** Runs an {@code api} command; completes with the response body. */
    CompletableFuture<String> api(String command) {
        CompletableFuture<String> result = new CompletableFuture<>();
        EslCommand cmd;
        try {
            cmd = EslCommand.of("api " + command);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
            return result;
        }
        onLoop(result, () -> send(cmd).whenComplete((frame, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(frame.body());
            }
        }));
        return result;
    }

    /**
     * Runs a {@code bgapi} command under a fresh Job-UUID; completes with the BACKGROUND_JOB's result text
     * ({@code +OK ...} or {@code -ERR ...}), or with the {@code -ERR} of the command/reply when the switch refused
     * to start the job.
     */
    CompletableFuture<String> bgapi(String command) {
        CompletableFuture<String> result = new CompletableFuture<>();
        String jobUuid = UUID.randomUUID().toString();
        EslCommand cmd;
        try {
            cmd = new EslCommand("bgapi " + command, Map.of("Job-UUID", jobUuid), false);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
            return result;
        }
        onLoop(result, () -> {
            jobs.put(jobUuid, result);
            send(cmd).whenComplete((frame, error) -> {
                if (error != null) {
                    jobs.remove(jobUuid);
                    result.completeExceptionally(error);
                } else if (frame.header("Reply-Text").startsWith("-")) {
                    jobs.remove(jobUuid);
                    result.complete(frame.header("Reply-Text"));
                }
            });
        });
        return result;
    }

    private void onLoop(CompletableFuture<?> result, Runnable task) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            result.completeExceptionally(new IOException("not connected to switch " + switchId));
            return;
        }
        try {
            ch.eventLoop().execute(() -> {
                if (!ch.isActive() || phase != Phase.READY) {
                    result.completeExceptionally(new IOException("not connected to switch " + switchId));
                } else {
                    task.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IOException("connection to switch " + switchId + " is closing", e));
        }
    }

    /** Writes a command and queues the future its reply completes. Event loop only. */
    private CompletableFuture<EslFrame> send(EslCommand command) {
        CompletableFuture<EslFrame> reply = new CompletableFuture<>();
        replies.add(reply);
        log.debug("switch {} <- {}", switchId, command);
        channel.writeAndFlush(command).addListener(f -> {
            if (!f.isSuccess()) {
                reply.completeExceptionally(new IOException("write to switch " + switchId + " failed", f.cause()));
            }
        });
        return reply;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, EslFrame frame) {
        switch (frame.contentType()) {
            case "auth/request" -> authenticate();
            case "command/reply" -> reply(frame);
            case "api/response" -> reply(frame);
            case "text/event-plain" -> event(EslEvent.plain(frame.body()));
            case "text/event-json" -> event(EslEvent.json(frame.body()));
            case "text/disconnect-notice" -> closeReason = "switch sent a disconnect notice: "
                    + EslFrameDecoder.abbreviate(frame.body().strip());
            case "text/rude-rejection" -> reject("switch rejected the connection (event_socket.conf apply-inbound-acl?): "
                    + EslFrameDecoder.abbreviate(frame.body().strip()));
            default -> log.warn("switch {} sent a frame of unknown Content-Type '{}'; ignored",
                    switchId, frame.contentType());
        }
    }

    private void authenticate() {
        if (phase != Phase.AWAIT_AUTH_REQUEST) {
            log.warn("switch {} asked for authentication twice; ignored", switchId);
            return;
        }
        phase = Phase.AUTHENTICATING;
        send(new EslCommand("auth " + password.get(), Map.of(), true)).thenAccept(reply -> {
            String text = reply.header("Reply-Text");
            if (!text.startsWith("+OK")) {
                reject("authentication failed: '" + text + "' (check the password in event_socket.conf)");
                return;
            }
            phase = Phase.SUBSCRIBING;
            send(EslCommand.of("event " + (json ? "json " : "plain ") + subscription)).thenAccept(sub -> {
                String subText = sub.header("Reply-Text");
                if (!subText.startsWith("+OK")) {
                    closeReason = "event subscription refused: '" + subText + "'";
                    channel.close();
                    return;
                }
                phase = Phase.READY;
                listener.onReady(this);
            });
        });
    }

    private void reject(String reason) {
        rejected = true;
        closeReason = reason;
        listener.onRejected(reason);
        channel.close();
    }

    private void reply(EslFrame frame) {
        CompletableFuture<EslFrame> waiting = replies.poll();
        if (waiting == null) {
            log.warn("switch {} sent a {} nobody waited for: {}", switchId, frame.contentType(),
                    EslFrameDecoder.abbreviate(frame.header("Reply-Text") + frame.body()));
            return;
        }
        waiting.complete(frame);
    }

    private void event(EslEvent event) {
        if (event.name().equals("BACKGROUND_JOB")) {
            CompletableFuture<String> job = jobs.remove(event.header("Job-UUID"));
            if (job != null) {
                job.complete(event.body());
                return;
            }
        }
        listener.onEvent(event);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            closeReason = "nothing heard from the switch within the idle timeout (no HEARTBEAT)";
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && !(c instanceof EslProtocolException)) {
            c = c.getCause();
        }
        if (c instanceof EslProtocolException || cause instanceof EslProtocolException) {
            closeReason = "ESL protocol error: " + c.getMessage();
            log.error("switch {}: {}; dropping the connection to resynchronize", switchId, c.getMessage());
        } else if (cause instanceof IOException) {
            closeReason = "I/O error: " + cause.getMessage();
            log.debug("switch {} I/O error", switchId, cause);
        } else {
            closeReason = "internal error: " + cause;
            log.error("switch {}: unexpected error on the event socket; dropping the connection", switchId, cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        IOException down = new IOException("connection to switch " + switchId + " lost: " + closeReason);
        CompletableFuture<EslFrame> r;
        while ((r = replies.poll()) != null) {
            r.completeExceptionally(down);
        }
        for (CompletableFuture<String> job : jobs.values()) {
            job.completeExceptionally(down);
        }
        jobs.clear();
        if (!rejected) {
            listener.onClosed(closeReason);
        }
        super.channelInactive(ctx);
    }
}

package io.callwire.adapter.freeswitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.LinkState;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * FreeSWITCH over the Event Socket (inbound mode): one TCP connection to {@code mod_event_socket}, one Netty
 * event loop thread that decodes, translates and publishes, so the events of a call keep their order.
 * Commands run as {@code bgapi} jobs and complete when their BACKGROUND_JOB arrives. After every (re)connect
 * the adapter resubscribes and resyncs from {@code show channels as json} and {@code callcenter_config agent
 * list}; calls that vanished while the link was down get synthetic clears. A refused password stops the
 * adapter with a clear DOWN event instead of retrying. Create it through {@link FreeswitchProvider}.
 */
public final class FreeswitchAdapter implements SwitchAdapter {
    private static final Logger log = LoggerFactory.getLogger(FreeswitchAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The events subscribed to; CUSTOM subclasses follow the CUSTOM keyword. */
    static final String SUBSCRIPTION = "CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_ANSWER"
            + " CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE CHANNEL_DESTROY"
            + " CHANNEL_UUID DTMF RECORD_START RECORD_STOP BACKGROUND_JOB HEARTBEAT"
            + " CUSTOM sofia::transferor sofia::transferee sofia::replaced callcenter::info"
            + " conference::maintenance";

    private final FreeswitchConfig config;
    private final Switch info;
    private final CallDirectory directory = new CallDirectory();
    private volatile EventSink sink;
    private volatile EventTranslator translator;
    private volatile EventLoopGroup group;
    private Bootstrap bootstrap;
    private volatile EslSession session;
    private volatile boolean closed;
    private volatile boolean rejected;
    /** Event loop only: reconnect attempts since the last successful login; whether DOWN was reported. */
    private int attempt;
    private boolean downReported;

    /** An adapter for these settings; {@link #start} connects. */
    public FreeswitchAdapter(FreeswitchConfig config) {
        this.config = config;
        this.info = new Switch(config.id(), SwitchKind.FREESWITCH, "");
    }

    @Override
    public Switch info() {
        return info;
    }

    @Override
    public synchronized void start(EventSink eventSink) {
        if (group != null) {
            throw new IllegalStateException("FreeSWITCH adapter " + config.id() + " already started");
        }
        this.sink = eventSink;
        this.translator = new EventTranslator(config.id(), config.dataPrefix(), directory, this::publish,
                System::currentTimeMillis);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cti-fs-" + config.id(), true),
                NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast("frames", new EslFrameDecoder(config.maxFrameBytes()))
                                .addLast("commands", new EslCommandEncoder())
                                .addLast("session", new EslSession(config.id(), config::password, SUBSCRIPTION,
                                        config.format().equals("json"), new Connection()));
                    }
                });
        log.info("connecting to FreeSWITCH {}", config);
        group.execute(this::connect);
    }

    private void connect() {
        if (closed || rejected) {
            return;
        }
        bootstrap.connect(config.host(), config.port()).addListener(f -> {
            if (!f.isSuccess()) {
                String reason = "cannot connect to " + config.host() + ":" + config.port() + ": "
                        + f.cause().getMessage();
                reportDown(reason);
                scheduleReconnect(reason);
            }
        });
    }

    private void scheduleReconnect(String reason) {
        if (closed || rejected) {
            return;
        }
        long min = config.minBackoff().toMillis();
        long delay = Math.min(config.maxBackoff().toMillis(), min << Math.min(attempt, 20));
        delay += ThreadLocalRandom.current().nextLong(Math.max(1, delay / 5));
        attempt++;
        log.warn("switch {}: {}; reconnecting in {} ms (attempt {})", config.id(), reason, delay, attempt);
        try {
            group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("switch {}: event loop is shutting down, no reconnect", config.id());
        }
    }

    private void reportDown(String reason) {
        if (!downReported && !closed) {
            downReported = true;
            publish(link(LinkState.DOWN, reason));
        }
    }

    /** Callbacks of the current connection's session, all on the event loop. */
    private final class Connection implements EslSession.Listener {
        @Override
        public void onReady(EslSession s) {
            session = s;
            attempt = 0;
            downReported = false;
            log.info("switch {}: logged in to {}:{} and subscribed ({} events)", config.id(), config.host(),
                    config.port(), config.format());
            publish(link(LinkState.UP, "logged in to " + config.host() + ":" + config.port() + ", events subscribed"));
            resync(s);
        }

        @Override
        public void onEvent(EslEvent event) {
            try {
                translator.translate(event);
            } catch (RuntimeException e) {
                log.error("switch {}: could not translate {}; passed through as a RawEvent", config.id(),
                        event.name(), e);
                publish(new RawEvent(Envelope.of(config.id(), System.currentTimeMillis(), "", "", ""),
                        event.name(), event.headers()));
            }
        }

        @Override
        public void onRejected(String reason) {
            rejected = true;
            session = null;
            log.error("switch {} refused the adapter: {}; not reconnecting", config.id(), reason);
            downReported = false;
            reportDown(reason + "; not reconnecting");
        }

        @Override
        public void onClosed(String reason) {
            session = null;
            translator.abortResync();
            if (closed) {
                return;
            }
            reportDown(reason);
            scheduleReconnect(reason);
        }
    }

    /**
     * Takes the switch's snapshot ({@code show channels as json}, {@code callcenter_config agent list}, {@code queue
     * list} and each queue's {@code list members}) and aligns the model with it; RESYNCED when done, EVENTS_LOST
     * when it failed.
     */
    private void resync(EslSession s) {
        translator.beginResync();
        Snapshot snap = new Snapshot();
        s.api("show channels as json").thenCompose(channels -> {
            snap.channels = parseChannels(channels);
            return s.api("callcenter_config agent list");
        }).thenCompose(agents -> {
            snap.agents = AgentSnapshot.parse(agents);
            return s.api("callcenter_config queue list");
        }).thenCompose(queues -> {
            snap.membersKnown = !queues.strip().startsWith("-ERR");
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (String queue : MemberSnapshot.queueNames(queues)) {
                chain = chain.thenCompose(x -> s.api("callcenter_config queue list members " + queue))
                        .thenAccept(members -> snap.members.addAll(MemberSnapshot.parse(members)));
            }
            return chain;
        }).thenRun(() -> {
            translator.applyResync(snap.channels, snap.agents, snap.members, snap.membersKnown);
            publish(link(LinkState.RESYNCED, snap.channels.size() + " channels, " + snap.agents.size() + " agents, "
                    + snap.members.size() + " queue members"));
        }).whenComplete((ok, error) -> {
            if (error != null) {
                translator.abortResync();
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (!(cause instanceof IOException) && !closed) {
                    log.error("switch {}: resync failed: {}", config.id(), cause.toString());
                    publish(link(LinkState.EVENTS_LOST, "resync failed: " + cause.getMessage()));
                }
            }
        });
    }

    /** What the resync collected; filled step by step on the event loop. */
    private static final class Snapshot {
        List<ChannelFacts> channels = List.of();
        List<AgentSnapshot> agents = List.of();
        final List<MemberSnapshot> members = new ArrayList<>();
        boolean membersKnown;
    }

    static List<ChannelFacts> parseChannels(String json) {
        String text = json.strip();
        if (text.startsWith("-ERR")) {
            throw new IllegalArgumentException("show channels failed: " + text);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("show channels answered no JSON: " + EslFrameDecoder.abbreviate(text), e);
        }
        List<ChannelFacts> out = new ArrayList<>();
        JsonNode rows = root == null ? null : root.get("rows");
        if (rows != null && rows.isArray()) {
            rows.forEach(r -> out.add(ChannelFacts.of(r)));
        }
        return out;
    }

    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        EslSession s = session;
        if (s == null || closed) {
            return CompletableFuture.failedFuture(new LinkDownException(config.id()));
        }
        CommandPlan plan;
        try {
            plan = CommandPlan.of(command, directory, config);
        } catch (CommandPlan.NotExpressible e) {
            return CompletableFuture.failedFuture(new SwitchRejectedException(config.id(), e.getMessage()));
        }
        if (!onLoop(plan.beforeSend())) {
            return CompletableFuture.failedFuture(new LinkDownException(config.id()));
        }
        CompletableFuture<String> chain = CompletableFuture.completedFuture("");
        for (int i = 0; i < plan.apis().size(); i++) {
            String api = plan.apis().get(i);
            if (i < plan.required()) {
                chain = chain.thenCompose(previous -> s.bgapi(api)).thenApply(this::accepted);
            } else {
                chain = chain.thenCompose(previous -> s.bgapi(api).handle((reply, error) -> {
                    if (error != null || reply.strip().startsWith("-")) {
                        log.debug("switch {}: clean-up '{}' not done: {}", config.id(), api,
                                error != null ? error.toString() : reply.strip());
                    }
                    return previous;
                }));
            }
        }
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        chain.whenComplete((reply, error) -> {
            if (error == null) {
                try {
                    group.execute(() -> plan.onSuccess().accept(translator));
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    log.debug("switch {} closing; the outcome of {} is not published", config.id(),
                            command.getClass().getSimpleName());
                }
                CommandResult r = plan.result();
                result.complete(r.detail().isEmpty() ? new CommandResult(r.callId(), r.legId(), reply) : r);
                return;
            }
            onLoop(plan.onFailure());
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            result.completeExceptionally(cause instanceof IOException ? new LinkDownException(config.id()) : cause);
        });
        return result;
    }

    /** Runs a translator step on the event loop (after the steps queued before it); false when the loop is closing. */
    private boolean onLoop(java.util.function.Consumer<EventTranslator> step) {
        try {
            group.execute(() -> step.accept(translator));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            return false;
        }
    }

    /** A job's result text: {@code +OK ...} passes, {@code -ERR reason} / {@code -USAGE ...} is a refusal. */
    private String accepted(String reply) {
        String text = reply.strip();
        if (text.startsWith("-")) {
            String reason = text.startsWith("-ERR") ? text.substring(4).strip() : text.substring(1).strip();
            throw new SwitchRejectedException(config.id(), reason.isEmpty() ? text : reason);
        }
        return text;
    }

    @Override
    public boolean supports(Class<? extends CtiCommand> commandType) {
        return CommandPlan.SUPPORTED.contains(commandType);
    }

    @Override
    public void close() {
        EventLoopGroup g;
        synchronized (this) {
            closed = true;
            g = group;
        }
        session = null;
        if (g != null) {
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private LinkStateChanged link(LinkState state, String detail) {
        return new LinkStateChanged(Envelope.of(config.id(), System.currentTimeMillis(), "", "", ""), state, detail);
    }

    private void publish(CtiEvent event) {
        EventSink s = sink;
        if (s != null && !closed) {
            s.publish(event);
        }
    }

    /** The settings (password masked). */
    @Override
    public String toString() {
        return "FreeswitchAdapter[" + config + "]";
    }
}

package io.callwire.adapter.csta;

import io.callwire.adapter.csta.EventTranslator.SnapshotEntry;
import io.callwire.core.command.CommandException;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;
import io.callwire.core.spi.EventSink;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The connection to one CSTA switch and everything that happens on it: connect and reconnect with backoff, the
 * application session (start or resume, keep-alive, stop), one monitor per configured device, requests with
 * invoke ids and timeouts, events through the {@link EventTranslator}, agent-state polling and the snapshot
 * resync after every (re)connect or loss of events. Every field is owned by the single event loop thread.
 */
final class CstaLink {
    private static final Logger log = LoggerFactory.getLogger(CstaLink.class);
    static final String PROTOCOL_VERSION = "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv2";

    private final CstaConfig config;
    private final EventLoop loop;
    private final EventSink sink;
    private final XmlCodec xml = new XmlCodec();
    private final CallBook book = new CallBook();
    private final EventTranslator events;
    private final CommandTranslator commands;
    private final Map<String, String> deviceByCrossRef = new LinkedHashMap<>();

    private Channel channel;
    private CstaFrameDecoder decoder;
    private RequestCorrelator correlator;
    private boolean sessionUp;
    private String sessionId = "";
    private long backoff;
    private long stalledSince;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private LinkState published;
    private boolean resyncRunning;
    private boolean resyncAgain;
    private volatile boolean closing;
    /** Why the current connection is being dropped, for the DOWN event's detail. */
    private String dropReason;

    CstaLink(CstaConfig config, EventLoop loop, EventSink sink) {
        this.config = config;
        this.loop = loop;
        this.sink = sink;
        Set<String> devices = Set.copyOf(config.devices());
        this.events = new EventTranslator(config.id(), devices, book);
        this.commands = new CommandTranslator(config.id(), devices, book, events);
        this.backoff = config.reconnectMillis();
    }

    // ------------------------------------------------------------------ connecting

    void connect() {
        if (closing) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.requestMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        CstaFrameDecoder frames = new CstaFrameDecoder(config.maxFrameLength());
                        ch.pipeline().addLast("frames", frames)
                                .addLast("frame-encoder", new CstaFrameEncoder(config.maxFrameLength()))
                                .addLast("csta", new Inbound(frames));
                    }
                });
        ChannelFuture f = bootstrap.connect(config.host(), config.port());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                String why = done.cause() == null ? "unknown" : done.cause().getMessage();
                log.warn("cannot connect to CSTA switch {} at {}:{}: {}", config.id(), config.host(), config.port(), why);
                link(LinkState.DOWN, "cannot connect: " + why);
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        long delay = backoff;
        backoff = Math.min(backoff * 2, config.maxReconnectMillis());
        log.debug("reconnecting to {} in {} ms", config.id(), delay);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Inbound extends SimpleChannelInboundHandler<CstaFrame> {
        private final CstaFrameDecoder frames;

        Inbound(CstaFrameDecoder frames) {
            this.frames = frames;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connected(ctx.channel(), frames);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, CstaFrame frame) {
            if (ctx.channel() == channel) {
                frame(frame);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure(ctx.channel(), cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected(ctx.channel());
        }
    }

    private void connected(Channel ch, CstaFrameDecoder frames) {
        channel = ch;
        decoder = frames;
        correlator = new RequestCorrelator(config.requestMillis());
        stalledSince = 0;
        long every = Math.max(5, config.frameMillis() / 4);
        timers.add(loop.scheduleAtFixedRate(this::checkStall, every, every, TimeUnit.MILLISECONDS));
        log.info("connected to CSTA switch {} at {}:{}; starting the application session", config.id(), config.host(), config.port());
        startSession();
    }

    private void failure(Channel ch, Throwable cause) {
        Throwable root = cause instanceof EncoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (ch == channel && dropReason == null) {
            dropReason = root.getMessage();
        }
        if (root instanceof CstaFramingException) {
            log.error("CSTA framing error from switch {}: {}; dropping the connection to resynchronize", config.id(),
                    root.getMessage());
        } else {
            log.warn("CSTA connection to {} failed: {}", config.id(), root.toString());
        }
        ch.close();
    }

    private void disconnected(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        decoder = null;
        sessionUp = false;
        resyncRunning = false;
        resyncAgain = false;
        cancelTimers();
        correlator.failAll(new LinkDownException(config.id()));
        if (closing) {
            return;
        }
        String detail = dropReason == null ? "connection lost" : "connection dropped: " + dropReason;
        dropReason = null;
        log.warn("{} ({}); reconnecting", detail, config.id());
        link(LinkState.DOWN, detail);
        scheduleReconnect();
    }

    private void checkStall() {
        CstaFrameDecoder d = decoder;
        if (d == null || d.pendingBytes() == 0) {
            stalledSince = 0;
            return;
        }
        long now = System.nanoTime();
        if (stalledSince == 0) {
            stalledSince = now;
        } else if (now - stalledSince >= TimeUnit.MILLISECONDS.toNanos(config.frameMillis())) {
            failure(channel, new CstaFramingException("a frame stayed incomplete for " + config.frameMillis()
                    + " ms with " + d.pendingBytes() + " bytes received (the header states more bytes than were sent)"));
            stalledSince = 0;
        }
    }

    private void cancelTimers() {
        for (ScheduledFuture<?> t : timers) {
            t.cancel(false);
        }
        timers.clear();
    }

    // ------------------------------------------------------------------ the session

    private void startSession() {
        List<XmlElement> login = new ArrayList<>(List.of(XmlElement.leaf("userName", config.user()),
                XmlElement.leaf("password", config.password()), XmlElement.leaf("sessionCleanupDelay", "60")));
        if (!sessionId.isEmpty()) {
            login.add(XmlElement.leaf("sessionID", sessionId));
        }
        XmlElement request = XmlElement.of("StartApplicationSession",
                XmlElement.of("applicationInfo", XmlElement.leaf("applicationID", config.applicationId()),
                        XmlElement.of("applicationSpecificInfo",
                                XmlElement.of("SessionLoginInfo", login).inNamespace(XmlCodec.AVAYA_NS))),
                XmlElement.of("requestedProtocolVersions", XmlElement.leaf("protocolVersion", PROTOCOL_VERSION)),
                XmlElement.leaf("requestedSessionDuration", String.valueOf(config.sessionSeconds())));
        Channel ch = channel;
        request(request, XmlCodec.SESSION_NS).whenComplete((response, error) -> {
            if (ch != channel) {
                return;
            }
            if (error != null) {
                if (error instanceof CstaErrorException e) {
                    log.error("CSTA switch {} refused the application session for user {}: {}", config.id(),
                            config.user(), e.reason());
                    link(LinkState.DOWN, "session refused: " + e.reason());
                } else {
                    log.warn("CSTA session on {} not started: {}", config.id(), error.getMessage());
                    link(LinkState.DOWN, "session not started: " + error.getMessage());
                }
                ch.close();
                return;
            }
            String previous = sessionId;
            sessionId = response.findText("sessionID");
            boolean resumed = !previous.isEmpty() && previous.equals(sessionId);
            int seconds = parseInt(response.findText("actualSessionDuration"), config.sessionSeconds());
            long every = Math.max(1000, seconds * 1000L / 3);
            timers.add(loop.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS));
            if (config.agentPollMillis() > 0) {
                timers.add(loop.scheduleAtFixedRate(this::pollAgents, config.agentPollMillis(), config.agentPollMillis(),
                        TimeUnit.MILLISECONDS));
            }
            log.info("CSTA session {} on {} {} ({} s)", sessionId, config.id(), resumed ? "resumed" : "started", seconds);
            if (!resumed) {
                deviceByCrossRef.clear();
            }
            startMonitors(ch, resumed ? "session " + sessionId + " resumed" : "session " + sessionId);

        });
    }

    /** Starts the monitors the session does not have yet (all of them, unless it was resumed), then goes UP. */
    private void startMonitors(Channel ch, String session) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String device : config.devices()) {
            if (!deviceByCrossRef.containsValue(device)) {
                all.add(monitor(device));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                .thenRun(() -> loop.execute(() -> {
                    if (ch == channel) {
                        up(ch, session + ", monitoring " + deviceByCrossRef.size() + " of "
                                + config.devices().size() + " devices");
                        retryMonitorsLater(ch);
                    }
                }));
    }

    /** Devices whose MonitorStart failed are tried again every {@code maxReconnect} ms while the session lasts. */
    private void retryMonitorsLater(Channel ch) {
        if (deviceByCrossRef.size() >= config.devices().size()) {
            return;
        }
        timers.removeIf(java.util.concurrent.Future::isDone);
        timers.add(loop.schedule(() -> {
            if (ch != channel) {
                return;
            }
            List<String> missing = new ArrayList<>(config.devices());
            missing.removeAll(deviceByCrossRef.values());
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (String device : missing) {
                all.add(monitor(device));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                    .thenRun(() -> loop.execute(() -> {
                        if (ch != channel) {
                            return;
                        }
                        if (missing.stream().anyMatch(deviceByCrossRef::containsValue)) {
                            resync("monitors started again for " + missing.stream()
                                    .filter(deviceByCrossRef::containsValue).toList());
                        }
                        retryMonitorsLater(ch);
                    }));
        }, config.maxReconnectMillis(), TimeUnit.MILLISECONDS));
    }

    private CompletableFuture<XmlElement> monitor(String device) {
        XmlElement request = XmlElement.of("MonitorStart", XmlElement.of("monitorObject", XmlElement.leaf("deviceObject", device)));
        return request(request, XmlCodec.CSTA_NS).whenComplete((response, error) -> {
            if (error != null) {
                log.error("MonitorStart of device {} on {} failed: {}", device, config.id(), reason(error));
                return;
            }
            String crossRef = response.findText("monitorCrossRefID");
            deviceByCrossRef.values().remove(device);
            deviceByCrossRef.put(crossRef, device);
        });
    }

    private void up(Channel ch, String detail) {
        sessionUp = true;
        backoff = config.reconnectMillis();
        link(LinkState.UP, detail);
        resync("after session start");
    }

    private void keepAlive() {
        Channel ch = channel;
        XmlElement request = XmlElement.of("ResetApplicationSessionTimer", XmlElement.leaf("sessionID", sessionId),
                XmlElement.leaf("requestedSessionDuration", String.valueOf(config.sessionSeconds())));
        request(request, XmlCodec.SESSION_NS).whenComplete((r, e) -> {
            if (e != null && ch == channel && ch != null) {
                log.warn("keep-alive of CSTA session {} on {} failed: {}; reconnecting", sessionId, config.id(), reason(e));
                dropReason = "keep-alive failed: " + reason(e);
                ch.close();
            }
        });
    }

    /** Stops the monitors and the session, then closes the connection; completes {@code done} when closed. */
    void stop(CompletableFuture<Void> done) {
        closing = true;
        Channel ch = channel;
        cancelTimers();
        if (ch == null || !sessionUp) {
            close(ch, done);
            return;
        }
        List<CompletableFuture<?>> stops = new ArrayList<>();
        for (String crossRef : new ArrayList<>(deviceByCrossRef.keySet())) {
            stops.add(request(XmlElement.of("MonitorStop", XmlElement.leaf("monitorCrossRefID", crossRef)), XmlCodec.CSTA_NS));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).handle((v, e) -> null).thenRun(() -> loop.execute(() -> {
            XmlElement request = XmlElement.of("StopApplicationSession", XmlElement.leaf("sessionID", sessionId),
                    XmlElement.of("sessionEndReason", XmlElement.leaf("definedEndReason", "normal")));
            request(request, XmlCodec.SESSION_NS).handle((r, e) -> {
                if (e != null) {
                    log.debug("StopApplicationSession on {}: {}", config.id(), reason(e));
                }
                close(ch, done);
                return null;
            });
        }));
    }

    private void close(Channel ch, CompletableFuture<Void> done) {
        if (ch == null) {
            done.complete(null);
        } else {
            ch.close().addListener(f -> done.complete(null));
        }
    }

    // ------------------------------------------------------------------ requests

    private CompletableFuture<XmlElement> request(XmlElement body, String namespace) {
        Channel ch = channel;
        if (ch == null) {
            return CompletableFuture.failedFuture(new LinkDownException(config.id()));
        }
        RequestCorrelator.Pending p = correlator.open(body.name(), loop);
        String text = xml.write(body, namespace);
        RequestCorrelator owner = correlator;
        ch.writeAndFlush(new CstaFrame(p.invokeId(), text)).addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause() instanceof EncoderException && f.cause().getCause() != null
                        ? f.cause().getCause() : f.cause();
                owner.fail(p.invokeId(), cause);
            }
        });
        return p.response();
    }

    /** Carries out a command on the event loop and completes {@code result} from the switch's response. */
    void execute(CtiCommand command, CompletableFuture<CommandResult> result) {
        if (!sessionUp || channel == null) {
            result.completeExceptionally(new LinkDownException(config.id()));
            return;
        }
        CommandTranslator.Plan plan;
        try {
            plan = commands.plan(command);
        } catch (CommandException e) {
            result.completeExceptionally(e);
            return;
        }
        request(plan.request(), XmlCodec.CSTA_NS).whenComplete((response, error) -> {
            if (error == null) {
                try {
                    result.complete(plan.result().apply(response));
                } catch (RuntimeException e) {
                    log.warn("cannot read the {} of {}", response.name(), config.id(), e);
                    result.completeExceptionally(new SwitchRejectedException(config.id(),
                            "unreadable " + response.name() + ": " + e));
                }
            } else if (error instanceof CommandException e) {
                result.completeExceptionally(e);
            } else if (error instanceof CstaRequestTimeoutException) {
                result.completeExceptionally(new CommandTimeoutException(command.getClass().getSimpleName(),
                        Duration.ofMillis(config.requestMillis())));
            } else {
                result.completeExceptionally(new SwitchRejectedException(config.id(), reason(error)));
            }
        });
    }

    // ------------------------------------------------------------------ inbound messages

    private void frame(CstaFrame frame) {
        long now = System.currentTimeMillis();
        XmlElement body;
        try {
            body = xml.parse(frame.xml());
        } catch (CstaXmlException e) {
            log.warn("invalid XML from CSTA switch {} (invoke id {}, {} chars): {}", config.id(), frame.invokeId(),
                    frame.xml().length(), e.getMessage());
            correlator.fail(frame.invokeId(), e);
            publish(new RawEvent(env(now).withRaw(frame.xml()), "csta.invalid-xml", Map.of("invokeId",
                    String.valueOf(frame.invokeId()), "error", String.valueOf(e.getMessage()))));
            eventsLost("invalid XML from the switch");
            return;
        }
        String name = body.name();
        if (name.endsWith("Response") || name.equals("CSTAErrorCode")) {
            if (!correlator.complete(frame.invokeId(), body)) {
                log.warn("{} from CSTA switch {} answers invoke id {}, which no request waits for; passed on as a RawEvent",
                        name, config.id(), frame.invokeId());
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("invokeId", String.valueOf(frame.invokeId()));
                fields.put("element", name);
                publish(new RawEvent(env(now).withRaw(frame.xml()), "csta.unmatched-response", fields));
            }
            return;
        }
        switch (name) {
            case "SystemStatus" -> systemStatus(frame, body, now);
            case "MonitorEndedEvent", "MonitorEnded" -> monitorEnded(body);
            default -> {
                String crossRef = body.text("monitorCrossRefID");
                String device = deviceByCrossRef.getOrDefault(crossRef, "");
                if (!crossRef.isEmpty() && device.isEmpty()) {
                    log.debug("{} from {} names monitor {}, which this session did not start", name, config.id(), crossRef);
                }
                try {
                    events.translate(body, frame.xml(), now, this::publish, device);
                } catch (RuntimeException e) {
                    log.error("cannot translate {} from {}; passed on as a RawEvent", name, config.id(), e);
                    events.raw(body, this::publish, frame.xml(), now, device);
                    eventsLost(name + " could not be applied");
                }
            }
        }
    }

    private void systemStatus(CstaFrame frame, XmlElement body, long now) {
        String status = body.findText("systemStatus");
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(new CstaFrame(frame.invokeId(), xml.write(XmlElement.of("SystemStatusResponse"), XmlCodec.CSTA_NS)));
        }
        switch (status) {
            case "messagesLost", "overloadReached" -> eventsLost("switch reports " + status);
            case "disabled" -> {
                sessionUp = false;
                link(LinkState.DOWN, "switch reports disabled");
            }
            case "enabled", "normal" -> {
                if (!sessionUp && published == LinkState.DOWN && channel != null) {
                    sessionUp = true;
                    link(LinkState.UP, "switch reports " + status);
                    resync("switch " + status);
                }
            }
            default -> events.raw(body, this::publish, frame.xml(), now, "");
        }
    }

    private void monitorEnded(XmlElement body) {
        String crossRef = body.findText("monitorCrossRefID");
        String device = deviceByCrossRef.remove(crossRef);
        String cause = body.findText("cause");
        if (device == null) {
            log.warn("MonitorEnded for unknown cross reference {} on {} ({})", crossRef, config.id(), cause);
            return;
        }
        log.warn("switch {} ended the monitor of device {} ({}); restarting it", config.id(), device, cause);
        link(LinkState.EVENTS_LOST, "monitor of " + device + " ended: " + cause);
        monitor(device).whenComplete((r, e) -> loop.execute(() -> resync("monitor of " + device + " restarted")));
    }

    private void eventsLost(String why) {
        if (!sessionUp) {
            return;
        }
        link(LinkState.EVENTS_LOST, why);
        resync(why);
    }

    // ------------------------------------------------------------------ resync and polling

    /** Snapshots every monitored device and reconciles the calls; publishes RESYNCED when done. */
    private void resync(String why) {
        if (resyncRunning) {
            resyncAgain = true;
            return;
        }
        resyncRunning = true;
        Channel ch = channel;
        Set<CallBook.BookCall> before = new HashSet<>(book.calls());
        Map<String, List<SnapshotEntry>> snapshots = new LinkedHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String device : config.devices()) {
            all.add(request(CommandTranslator.snapshotDevice(device), XmlCodec.CSTA_NS).whenComplete((r, e) -> {
                if (e != null) {
                    log.warn("SnapshotDevice of {} on {} failed: {}; its calls are kept as they are", device, config.id(), reason(e));
                } else {
                    snapshots.put(device, snapshotEntries(r));
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).thenRun(() -> loop.execute(() -> {
            if (ch != channel || !resyncRunning) {
                return;
            }
            events.resync(snapshots, before, this::publish, System.currentTimeMillis());
            resyncRunning = false;
            link(LinkState.RESYNCED, "snapshot of " + snapshots.size() + " of " + config.devices().size()
                    + " devices applied (" + why + ")");
            if (resyncAgain) {
                resyncAgain = false;
                resync("events lost during the resync");
            }
        }));
    }

    static List<SnapshotEntry> snapshotEntries(XmlElement response) {
        List<SnapshotEntry> out = new ArrayList<>();
        for (XmlElement info : response.findAll("snapshotDeviceResponseInfo")) {
            CstaIds.ConnectionId id = info.child("connectionIdentifier").map(CstaIds::connection)
                    .orElse(CstaIds.ConnectionId.NONE);
            LegState state = switch (info.findText("localConnectionState")) {
                case "initiated" -> LegState.INITIATED;
                case "alerting" -> LegState.ALERTING;
                case "connected" -> LegState.CONNECTED;
                case "hold", "held" -> LegState.HELD;
                case "queued" -> LegState.QUEUED;
                case "fail" -> LegState.FAILED;
                default -> LegState.NULL;
            };
            if (!id.isEmpty() && state != LegState.NULL) {
                out.add(new SnapshotEntry(id.callId(), id.deviceId(), state));
            }
        }
        return out;
    }

    private void pollAgents() {
        for (String device : config.agentDevices()) {
            request(CommandTranslator.getAgentState(device), XmlCodec.CSTA_NS).whenComplete((r, e) -> {
                if (e != null) {
                    log.debug("GetAgentState of {} on {} failed: {}", device, config.id(), reason(e));
                    return;
                }
                for (XmlElement entry : r.findAll("agentStateEntry")) {
                    String agentId = entry.text("agentID");
                    if (agentId.isEmpty()) {
                        continue;
                    }
                    AgentState state = "false".equals(entry.findText("loggedOnState")) ? AgentState.LOGGED_OUT
                            : switch (entry.findText("agentState")) {
                        case "agentReady" -> AgentState.READY;
                        case "agentBusy" -> AgentState.BUSY;
                        case "agentWorkingAfterCall" -> AgentState.WRAP_UP;
                        case "agentNull" -> AgentState.LOGGED_OUT;
                        default -> AgentState.NOT_READY;
                    };
                    events.agentState(agentId, device, state, entry.findText("reasonCode"), this::publish,
                            System.currentTimeMillis(), false);
                }
            });
        }
    }

    // ------------------------------------------------------------------ publishing

    private void link(LinkState state, String detail) {
        if ((state == LinkState.DOWN || state == LinkState.UP) && state == published) {
            return;
        }
        published = state;
        publish(new LinkStateChanged(env(System.currentTimeMillis()), state, detail));
    }

    private Envelope env(long time) {
        return Envelope.of(config.id(), time, "", "", "");
    }

    private void publish(CtiEvent event) {
        if (closing) {
            return;
        }
        try {
            sink.publish(event);
        } catch (IllegalStateException e) {
            log.debug("event not accepted after the engine closed: {}", e.getMessage());
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof CstaErrorException x ? x.reason() : t.getMessage();
    }

    private static int parseInt(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Reports the adapter has applied once and dropped as repeats (for tests and diagnostics). */
    long duplicates() {
        return events.duplicates();
    }
}

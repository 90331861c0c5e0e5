package io.callwire.adapter.asterisk;

import io.callwire.core.command.CommandException;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.LinkState;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Asterisk switch over AMI, on asterisk-java's {@code ManagerConnection} (not its Live API, which predates
 * Linkedid, hold and transfers). Create it from an {@code asterisk://} URI through {@link AsteriskProvider}.
 *
 * <p>Threads:
 * <ul>
 *   <li>asterisk-java's reader and event pump: the listener only puts each event into a bounded buffer of this
 *       adapter and returns; it never sends an action (asterisk-java routes responses through the same pump).
 *       A full buffer counts lost events, reported as {@code LinkStateChanged(EVENTS_LOST)} and followed by a
 *       resync.</li>
 *   <li>{@code cti-ami-<id>}: the translator thread. Takes events in order, translates and publishes them, and
 *       applies link changes and snapshots, so one call's events are published in switch order.</li>
 *   <li>{@code cti-ami-<id>-link}: connects, logs in, takes the snapshot after each (re)connect, pings, and
 *       reconnects with exponential backoff. A refused login stops it: no retry loop against a wrong secret.</li>
 *   <li>{@code cti-ami-<id>-cmd}: sends command actions and completes their stages from the replies, so
 *       {@link #execute} returns at once and no engine code runs on asterisk-java's threads.</li>
 * </ul>
 */
public final class AsteriskAdapter implements SwitchAdapter {
    private static final Logger log = LoggerFactory.getLogger(AsteriskAdapter.class);
    /** Uniqueid prefix of channels this adapter originates (Originate {@code ChannelId}). */
    static final String ORIGINATE_PREFIX = "callwire-";

    private final AsteriskConfig config;
    private final Switch info;
    private final LiveChannels live = new LiveChannels();
    private final EventTranslator translator;
    private final AmiCommands commands;
    private final BlockingQueue<Consumer<List<CtiEvent>>> inbox;
    private final BlockingQueue<Long> signals = new LinkedBlockingQueue<>();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostTotal = new AtomicLong();
    private final Set<CompletableFuture<CommandResult>> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender;
    private volatile boolean running;
    private volatile AmiConnection connection;
    private volatile long generation;
    private volatile boolean resyncRequested;
    private volatile long pingSentAt;
    private volatile boolean loginRefused;
    private Thread worker;
    private Thread supervisor;
    private EventSink sink;

    /** An adapter with these settings; {@link #start} connects. */
    public AsteriskAdapter(AsteriskConfig config) {
        this.config = config;
        this.info = new Switch(config.id(), SwitchKind.ASTERISK, config.host() + ":" + config.port());
        this.translator = new EventTranslator(config.id(), config, live);
        this.commands = new AmiCommands(config, live);
        this.inbox = new ArrayBlockingQueue<>(config.buffer());
        this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "cti-ami-" + config.id() + "-cmd"));
    }

    /** The settings of this adapter (the secret is masked in their {@code toString}). */
    public AsteriskConfig config() {
        return config;
    }

    /** True once the switch refused the login; the adapter then stays down until it is recreated. */
    public boolean loginRefused() {
        return loginRefused;
    }

    /** Events asterisk-java delivered that did not fit the buffer, since start. */
    public long eventsLost() {
        return lostTotal.get();
    }

    /** Events dropped by design since start: noise such as Newexten, variables not allow-listed, non-agent device states. */
    public long eventsIgnored() {
        return translator.ignored();
    }

    /** Events that lacked a field they cannot do without (a Newchannel without Uniqueid...), logged and skipped. */
    public long eventsMalformed() {
        return translator.malformed();
    }

    @Override
    public Switch info() {
        return info;
    }

    @Override
    public synchronized void start(EventSink eventSink) {
        if (worker != null) {
            throw new IllegalStateException("adapter " + config.id() + " already started");
        }
        this.sink = eventSink;
        running = true;
        worker = daemon(this::translate, "cti-ami-" + config.id());
        supervisor = daemon(this::supervise, "cti-ami-" + config.id() + "-link");
        worker.start();
        supervisor.start();
    }

    @Override
    public boolean supports(Class<? extends CtiCommand> commandType) {
        return commands.supports(commandType);
    }

    /** Plans the AMI actions and hands them to the sender thread; never blocks. */
    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        AmiConnection c = connection;
        if (!running || c == null) {
            return CompletableFuture.failedFuture(new LinkDownException(config.id()));
        }
        if (!supports(command.getClass())) {
            return CompletableFuture.failedFuture(
                    new UnsupportedCommandException(command.getClass().getSimpleName(), config.id()));
        }
        AmiCommands.Plan plan;
        try {
            plan = commands.plan(command);
        } catch (CommandException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((r, e) -> pending.remove(result));
        try {
            sender.execute(() -> sendNext(c, plan, 0, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new LinkDownException(config.id()));
        }
        return result;
    }

    /** Sends the plan's actions one after the other; the first error answer fails the command with its Message. */
    private void sendNext(AmiConnection c, AmiCommands.Plan plan, int index, CompletableFuture<CommandResult> result) {
        if (result.isDone()) {
            return;
        }
        if (index == plan.actions().size()) {
            result.complete(plan.result());
            return;
        }
        if (c != connection) {
            result.completeExceptionally(new LinkDownException(config.id()));
            return;
        }
        ManagerAction action = plan.actions().get(index);
        try {
            c.sendAction(action, response -> {
                try {
                    sender.execute(() -> answered(c, plan, index, response, result));
                } catch (RejectedExecutionException e) {
                    result.completeExceptionally(new LinkDownException(config.id()));
                }
            });
        } catch (Exception e) {
            log.debug("{} not sent to {}: {}", action.getAction(), config, e.toString());
            result.completeExceptionally(new LinkDownException(config.id()));
        }
    }

    private void answered(AmiConnection c, AmiCommands.Plan plan, int index, ManagerResponse response,
                          CompletableFuture<CommandResult> result) {
        if (response instanceof ManagerError || response == null || "Error".equalsIgnoreCase(response.getResponse())) {
            String reason = response == null || response.getMessage() == null ? "no reason given" : response.getMessage();
            result.completeExceptionally(new SwitchRejectedException(config.id(),
                    plan.actions().get(index).getAction() + ": " + reason));
            return;
        }
        sendNext(c, plan, index + 1, result);
    }

    @Override
    public void close() {
        Thread w;
        Thread s;
        synchronized (this) {
            if (!running) {
                sender.shutdownNow();
                return;
            }
            running = false;
            w = worker;
            s = supervisor;
        }
        signals.offer(-1L);
        AmiConnection c = connection;
        connection = null;
        if (c != null) {
            c.closeQuietly();
        }
        failPending();
        sender.shutdownNow();
        for (Thread t : new Thread[] {s, w}) {
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    log.warn("thread {} of switch {} did not stop within 5 s", t.getName(), config.id());
                }
            }
        }
    }

    // ---- the translator thread -----------------------------------------------------------------------------

    private void translate() {
        List<CtiEvent> out = new ArrayList<>();
        try {
            while (running) {
                Consumer<List<CtiEvent>> item = inbox.poll(100, TimeUnit.MILLISECONDS);
                long missed = lost.getAndSet(0);
                if (missed > 0) {
                    log.warn("switch {}: {} AMI events did not fit the buffer of {}; resyncing", config.id(), missed,
                            config.buffer());
                    out.add(link(LinkState.EVENTS_LOST, missed + " events lost (buffer full)"));
                    resyncRequested = true;
                }
                if (item != null) {
                    try {
                        item.accept(out);
                    } catch (RuntimeException e) {
                        log.error("switch {}: translator step failed; state kept, going on", config.id(), e);
                    }
                }
                for (CtiEvent e : out) {
                    if (!running) {
                        return;
                    }
                    sink.publish(e);
                }
                out.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            if (running) {
                log.error("switch {}: the engine refused an event; translator stopped", config.id(), e);
            }
        }
    }

    /** Translates one asterisk-java event on the translator thread; a failure becomes a RawEvent and a log line. */
    private void translate(ManagerEvent event, List<CtiEvent> out) {
        AmiEvent e = AmiEventReader.read(event);
        int before = out.size();
        try {
            translator.translate(e, out);
        } catch (RuntimeException ex) {
            out.subList(before, out.size()).clear();
            log.warn("switch {}: could not translate AMI event {} {}: {}", config.id(), e.name(), e.fields(), ex.toString());
            out.add(new RawEvent(Envelope.of(config.id(), e.timestamp(), "", "", ""), e.name(), e.fields()));
        }
    }

    private void enqueueControl(Consumer<List<CtiEvent>> task) {
        try {
            inbox.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LinkStateChanged link(LinkState state, String detail) {
        return new LinkStateChanged(Envelope.of(config.id(), System.currentTimeMillis(), "", "", ""), state, detail);
    }

    /** The listener on asterisk-java's dispatch thread: a buffer offer and nothing else. */
    private final class Listener implements ManagerEventListener {
        private final long gen;

        Listener(long gen) {
            this.gen = gen;
        }

        @Override
        public void onManagerEvent(ManagerEvent event) {
            if (gen != generation || !running) {
                return;
            }
            if (event instanceof DisconnectEvent) {
                signals.offer(gen);
                return;
            }
            // asterisk-java re-issues DialBegin as a legacy Dial event and BridgeEnter/Leave as a legacy Bridge
            // event; the originals are translated, the copies skipped.
            if (event instanceof ConnectEvent || event instanceof ProtocolIdentifierReceivedEvent
                    || event.getClass() == DialEvent.class || event.getClass() == BridgeEvent.class
                    || event instanceof ResponseEvent r && (r.getActionId() != null || r.getInternalActionId() != null)) {
                return;
            }
            if (!inbox.offer(out -> translate(event, out))) {
                lost.incrementAndGet();
                lostTotal.incrementAndGet();
            }
        }
    }

    // ---- the link thread -----------------------------------------------------------------------------------

    private void supervise() {
        try {
            superviseLink();
        } catch (RuntimeException e) {
            log.error("switch {}: link thread failed; the adapter stays down until recreated", config, e);
            connection = null;
            failPending();
            enqueueControl(out -> out.add(link(LinkState.DOWN, "link thread failed: " + e)));
        }
    }

    private void superviseLink() {
        long backoff = config.reconnectMinMillis();
        boolean downReported = false;
        while (running) {
            long gen = ++generation;
            AmiConnection c = new AmiConnection(config);
            c.addEventListener(new Listener(gen));
            try {
                c.login();
            } catch (AuthenticationFailedException e) {
                c.closeQuietly();
                loginRefused = true;
                log.error("switch {}: login refused for AMI user '{}' ({}); not retrying: check manager.conf",
                        config, config.user(), e.getMessage());
                enqueueControl(out -> out.add(link(LinkState.DOWN, "login refused for AMI user '" + config.user()
                        + "': " + e.getMessage())));
                return;
            } catch (Exception e) {
                c.closeQuietly();
                if (!running) {
                    return;
                }
                if (!downReported) {
                    log.warn("switch {}: cannot connect ({}); retrying with backoff up to {} ms", config, e.toString(),
                            config.reconnectMaxMillis());
                    enqueueControl(out -> out.add(link(LinkState.DOWN, "cannot connect: " + e.getMessage())));
                    downReported = true;
                } else {
                    log.debug("switch {}: reconnect failed: {}", config, e.toString());
                }
                if (pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, config.reconnectMaxMillis());
                continue;
            }
            String banner = String.valueOf(c.getProtocolIdentifier());
            connection = c;
            enqueueControl(out -> out.add(link(LinkState.UP, "logged in as " + config.user() + " (" + banner + ")")));
            downReported = false;
            long upSince = System.currentTimeMillis();
            log.info("switch {}: logged in ({})", config, banner);
            String reason = watch(c, gen);
            // a link that stayed up a while starts the backoff afresh; one that flaps keeps backing off
            backoff = System.currentTimeMillis() - upSince > config.reconnectMaxMillis() ? config.reconnectMinMillis()
                    : Math.min(backoff * 2, config.reconnectMaxMillis());
            connection = null;
            c.closeQuietly();
            failPending();
            if (!running) {
                return;
            }
            log.warn("switch {}: link lost ({}); reconnecting", config, reason);
            enqueueControl(out -> out.add(link(LinkState.DOWN, reason)));
            downReported = true;
            if (pause(backoff)) {
                return;
            }
        }
    }

    /** Resyncs, then pings until the link fails; returns why it failed. */
    private String watch(AmiConnection c, long gen) {
        resyncRequested = true;
        pingSentAt = 0;
        long ping = config.pingMillis();
        while (running) {
            if (resyncRequested) {
                resyncRequested = false;
                String failure = resync(c);
                if (failure != null) {
                    return failure;
                }
            }
            if (c.getState() != ManagerConnectionState.CONNECTED) {
                return "connection closed by the switch";
            }
            long now = System.currentTimeMillis();
            long sent = pingSentAt;
            if (sent != 0 && now - sent > 2 * ping) {
                return "no answer to Ping for " + (now - sent) + " ms";
            }
            if (sent == 0) {
                pingSentAt = now;
                try {
                    c.sendAction(new PingAction(), r -> pingSentAt = 0);
                } catch (Exception e) {
                    return "Ping not sent: " + e.getMessage();
                }
            }
            Long signal;
            try {
                signal = signals.poll(Math.min(ping, 250), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            if (signal != null && (signal == gen || signal < 0)) {
                return "connection closed by the switch";
            }
        }
        return "adapter closed";
    }

    /** Takes the snapshot on the link thread (never the listener's) and hands it to the translator thread. */
    private String resync(AmiConnection c) {
        enqueueControl(out -> translator.markResync());
        List<AmiEvent> channels;
        List<AmiEvent> queues;
        try {
            channels = list(c, new CoreShowChannelsAction());
            queues = list(c, new QueueStatusAction());
        } catch (Exception e) {
            return "resync failed: " + e;
        }
        long now = System.currentTimeMillis();
        enqueueControl(out -> {
            translator.resync(channels, queues, now, out);
            out.add(link(LinkState.RESYNCED, channels.size() + " channels, " + queues.size() + " queue entries"));
        });
        try {
            // Device states come back as ordinary DeviceStateChange events, queued behind the snapshot just handed
            // over, so they update the agents the snapshot created.
            list(c, new DeviceStateListAction());
        } catch (Exception e) {
            return "resync failed: " + e;
        }
        return null;
    }

    private List<AmiEvent> list(AmiConnection c, EventGeneratingAction action) throws Exception {
        ResponseEvents events = c.sendEventGeneratingAction(action, config.timeoutMillis());
        if (events.getResponse() instanceof ManagerError error) {
            log.info("switch {}: {} refused: {}; resync without it", config.id(), action.getAction(), error.getMessage());
            return List.of();
        }
        List<AmiEvent> out = new ArrayList<>();
        for (ResponseEvent e : events.getEvents()) {
            String n = AmiEventReader.name(e.getClass());
            if (!n.endsWith("Complete")) {
                out.add(AmiEventReader.read(e));
            }
        }
        return out;
    }

    /** Waits for the backoff; true when the adapter was closed meanwhile. */
    private boolean pause(long millis) {
        try {
            Long s = signals.poll(millis, TimeUnit.MILLISECONDS);
            while (s != null && s >= 0 && running) {
                s = signals.poll(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        return !running;
    }

    private void failPending() {
        for (CompletableFuture<CommandResult> f : List.copyOf(pending)) {
            f.completeExceptionally(new LinkDownException(config.id()));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return "AsteriskAdapter[" + config + "]";
    }
}

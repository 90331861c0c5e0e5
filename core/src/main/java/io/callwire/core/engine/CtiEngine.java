package io.callwire.core.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.CtiControl;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.engine.EngineRequest.CommandRequest;
import io.callwire.core.engine.EngineRequest.QueryRequest;
import io.callwire.core.engine.EngineRequest.SnapshotRequest;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.Tick;
import io.callwire.core.model.Switch;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The running library: switch adapters publish into one multi-producer Disruptor ring; a single state handler
 * thread keeps the call model and answers commands; a dispatch handler feeds each host listener's bounded
 * queue. Build one with {@link #builder()}.
 *
 * <pre>{@code
 * try (CtiEngine engine = CtiEngine.builder()
 *         .switchUri("sim:?agents=10&callsPerMinute=20")
 *         .listener("audit", event -> audit.record(event), ListenerOptions.of(4096, OverflowPolicy.DROP_OLDEST))
 *         .start()) {
 *     engine.makeCall("1001", "+15551234").toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class CtiEngine implements CtiControl, AutoCloseable {
    /** The switch id on ticks the engine makes from the wall clock. */
    public static final String ENGINE_SWITCH_ID = "engine";

    private static final Logger log = LoggerFactory.getLogger(CtiEngine.class);
    private static final EventTranslatorOneArg<RingSlot, CtiEvent> EVENT =
            (slot, sequence, event) -> slot.set(event.withEnvelope(event.envelope().withSequence(sequence)), null);
    private static final EventTranslatorOneArg<RingSlot, EngineRequest> REQUEST =
            (slot, sequence, request) -> slot.set(null, request);

    private final Map<String, SwitchAdapter> adapters;
    private final Disruptor<RingSlot> disruptor;
    private final RingBuffer<RingSlot> ring;
    /** The state handler's stage: its sequence says what the single writer has applied. */
    private final EventHandler<RingSlot> stateStage;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final EngineCounters counters = new EngineCounters();
    private final ScheduledExecutorService timer;
    private final Duration commandTimeout;
    private final Set<CompletableFuture<CommandResult>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    private CtiEngine(Builder b) {
        this.adapters = b.adapters;
        this.commandTimeout = b.commandTimeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("cti-timer"));
        AtomicInteger threads = new AtomicInteger();
        WaitStrategy waiting = waitStrategy(b.waitMode);
        this.disruptor = new Disruptor<>(RingSlot::new, b.ringSize,
                r -> daemon("cti-engine-" + threads.incrementAndGet()).newThread(r), ProducerType.MULTI, waiting);
        disruptor.setDefaultExceptionHandler(new LoggingExceptionHandler(counters));
        CallTracker tracker = new CallTracker(counters);
        if (b.recovered != null) {
            recover(tracker, b.recovered);
        }
        StateHandler state = new StateHandler(tracker, adapters, counters, b.extensions,
                this::armTimeout, this::publish);
        DispatchHandler dispatch = new DispatchHandler(subscriptions);
        stateStage = new SignallingStage(state, waiting);
        if (b.journal == null) {
            disruptor.handleEventsWith(stateStage).then(dispatch);
        } else if (b.journal.recordsDecisions()) {
            disruptor.handleEventsWith(stateStage)
                    .then(new SignallingStage(new JournalHandler(b.journal), waiting))
                    .then(dispatch);
        } else {
            disruptor.handleEventsWith(stateStage, new SignallingStage(new JournalHandler(b.journal), waiting))
                    .then(dispatch);
        }
        this.ring = disruptor.getRingBuffer();
    }

    /** Applies journaled events to the tracker before the ring starts, so the engine goes on from that state. */
    private static void recover(CallTracker tracker, Iterable<? extends CtiEvent> events) {
        ArrayList<CtiEvent> scratch = new ArrayList<>(4);
        long count = 0;
        for (CtiEvent event : events) {
            scratch.clear();
            try {
                tracker.apply(event, scratch);
            } catch (RuntimeException e) {
                log.error("call tracker failed on journaled {} seq {}; skipped", event.getClass().getSimpleName(),
                        event.sequence(), e);
            }
            count++;
        }
        log.info("recovered the call model from {} journaled events", count);
    }

    /** A builder for an engine over one or more switches. */
    public static Builder builder() {
        return new Builder();
    }

    private void start(List<PendingListener> listeners, Duration tickInterval) {
        for (PendingListener l : listeners) {
            subscribe(l.name, l.listener, l.options);
        }
        disruptor.start();
        running = true;
        boolean switchTicks = adapters.values().stream().anyMatch(SwitchAdapter::emitsTicks);
        if (!switchTicks && !tickInterval.isZero()) {
            long millis = tickInterval.toMillis();
            timer.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        }
        EventSink sink = new EventSink() {
            @Override
            public void publish(CtiEvent event) {
                CtiEngine.this.publish(event);
            }

            @Override
            public void awaitApplied() {
                CtiEngine.this.awaitApplied();
            }
        };
        for (SwitchAdapter adapter : adapters.values()) {
            adapter.start(sink);
            log.info("started switch {} ({})", adapter.info().id(), adapter.info().kind());
        }
    }

    /** Waits until the state handler has applied everything published so far, or the engine stops. */
    private void awaitApplied() {
        long published = ring.getCursor();
        int idle = 0;
        while (running && disruptor.getSequenceValueFor(stateStage) < published) {
            if (++idle < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    private void tick() {
        publish(new Tick(Envelope.of(ENGINE_SWITCH_ID, System.currentTimeMillis(), "", "", "")));
    }

    private void publish(CtiEvent event) {
        Objects.requireNonNull(event, "event");
        if (!running) {
            throw new IllegalStateException("engine is closed; " + event.getClass().getSimpleName()
                    + " from " + event.switchId() + " not accepted");
        }
        ring.publishEvent(EVENT, event);
    }

    /**
     * Adds a listener. It receives every event published from now on, in ring order, on its own thread.
     * To see the very first events, register listeners on the {@link Builder} instead.
     */
    public Subscription subscribe(String name, CtiListener listener, ListenerOptions options) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        Subscription subscription = new Subscription(name, listener, options, subscriptions::remove);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /** The listeners subscribed now, those registered on the builder first. */
    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Sends a command through the ring to the single writer, which checks it and hands it to the adapter. */
    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        armTimeout(command, result);
        request(new CommandRequest(command, result));
        return result;
    }

    /** Fails the command's future after the command timeout and tracks it until it completes. */
    private void armTimeout(CtiCommand command, CompletableFuture<CommandResult> result) {
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(() -> result.completeExceptionally(
                    new CommandTimeoutException(command.getClass().getSimpleName(), commandTimeout)),
                    commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("engine is closed", e);
        }
        pending.add(result);
        result.whenComplete((r, e) -> {
            timeout.cancel(false);
            pending.remove(result);
        });
    }

    /** A consistent snapshot of calls, legs, agents, queues and links, taken by the single writer. */
    public CompletionStage<EngineSnapshot> snapshot() {
        CompletableFuture<EngineSnapshot> result = new CompletableFuture<>();
        request(new SnapshotRequest(result));
        return result.minimalCompletionStage();
    }

    /**
     * Runs a read-only function on the single writer between two ring entries and completes with its
     * result: the consistent way to read state a {@link StateExtension} owns, e.g. a waiting task's position
     * in the router. The function must not change state or block; it is not journaled.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> query(Supplier<T> function) {
        Objects.requireNonNull(function, "function");
        CompletableFuture<Object> result = new CompletableFuture<>();
        request(new QueryRequest(function, result));
        return (CompletionStage<T>) (CompletionStage<?>) result.minimalCompletionStage();
    }

    /** {@link #snapshot()} for callers that can wait; fails with IllegalStateException after {@code timeout}. */
    public EngineSnapshot awaitSnapshot(Duration timeout) {
        try {
            return snapshot().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a snapshot", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no snapshot within " + timeout.toMillis() + " ms", e);
        }
    }

    private void request(EngineRequest request) {
        if (!running) {
            throw new IllegalStateException("engine is closed");
        }
        ring.publishEvent(REQUEST, request);
    }

    /** The engine's counters now. */
    public EngineMetrics metrics() {
        return counters.view(ring.getCursor() + 1);
    }

    /** The switches this engine is connected to. */
    public List<Switch> switches() {
        List<Switch> out = new ArrayList<>();
        for (SwitchAdapter adapter : adapters.values()) {
            out.add(adapter.info());
        }
        return out;
    }

    /** The adapter of a switch, when it is of the given type (e.g. to reach a simulator's test controls). */
    public <T extends SwitchAdapter> Optional<T> adapter(String switchId, Class<T> type) {
        SwitchAdapter adapter = adapters.get(switchId);
        return type.isInstance(adapter) ? Optional.of(type.cast(adapter)) : Optional.empty();
    }

    /** Closes the adapters, processes what is already in the ring, lets listeners drain, then stops. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        for (SwitchAdapter adapter : adapters.values()) {
            try {
                adapter.close();
            } catch (RuntimeException e) {
                log.warn("closing switch {} failed", adapter.info().id(), e);
            }
        }
        running = false;
        try {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("engine ring did not drain within 5 s; halting");
            disruptor.halt();
        }
        timer.shutdownNow();
        for (CompletableFuture<CommandResult> command : pending) {
            command.completeExceptionally(new LinkDownException(ENGINE_SWITCH_ID + " (closed)"));
        }
        for (Subscription subscription : subscriptions) {
            subscription.drainAndStop(2_000);
        }
    }

    private static WaitStrategy waitStrategy(WaitMode mode) {
        return switch (mode) {
            case BLOCKING -> new StageBlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private record PendingListener(String name, CtiListener listener, ListenerOptions options) {
    }

    /** Logs and counts handler exceptions; never rethrows, so handler threads never die. */
    private record LoggingExceptionHandler(EngineCounters counters) implements ExceptionHandler<RingSlot> {
        @Override
        public void handleEventException(Throwable ex, long sequence, RingSlot slot) {
            counters.handlerErrors.incrementAndGet();
            log.error("engine handler failed on ring entry {}; continuing", sequence, ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            log.error("engine handler failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            log.warn("engine handler failed to shut down", ex);
        }
    }

    /** Configures and starts a {@link CtiEngine}. */
    public static final class Builder {
        private final Map<String, SwitchAdapter> adapters = new LinkedHashMap<>();
        private final List<String> uris = new ArrayList<>();
        private final List<PendingListener> listeners = new ArrayList<>();
        private final List<StateExtension> extensions = new ArrayList<>();
        private EngineJournal journal;
        private Iterable<? extends CtiEvent> recovered;
        private SwitchConnector connector;
        private int ringSize = 65_536;
        private Duration commandTimeout = Duration.ofSeconds(10);
        private Duration tickInterval = Duration.ofMillis(100);
        private WaitMode waitMode = WaitMode.BLOCKING;

        private Builder() {
        }

        /** Adds a switch by URI; the adapter is found by scheme among the providers on the class path. */
        public Builder switchUri(String uri) {
            uris.add(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /** Adds a switch through an adapter the host created itself. */
        public Builder adapter(SwitchAdapter adapter) {
            String id = adapter.info().id();
            if (adapters.putIfAbsent(id, adapter) != null) {
                throw new IllegalArgumentException("two switches with id " + id + "; give one an id= parameter");
            }
            return this;
        }

        /** Uses these providers instead of the class path's. */
        public Builder connector(SwitchConnector switchConnector) {
            this.connector = switchConnector;
            return this;
        }

        /** Registers a listener that sees every event from the first one on. */
        public Builder listener(String name, CtiListener listener, ListenerOptions options) {
            listeners.add(new PendingListener(name, listener, options));
            return this;
        }

        /** Adds logic that runs inside the single writer after the call tracker, in the order added. */
        public Builder extension(StateExtension extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /**
         * Journals every event and command beside the state handler; listeners then see an event only after
         * the journal recorded it. The engine closes the journal when it closes.
         */
        public Builder journal(EngineJournal engineJournal) {
            this.journal = Objects.requireNonNull(engineJournal, "journal");
            return this;
        }

        /**
         * Rebuilds the call model from journaled switch events (in journal order) before the engine goes live,
         * so a restart after a crash continues from the state the journal describes. The events are applied to
         * the call tracker only: state extensions start empty and adapters resync with the live switch.
         */
        public Builder recover(Iterable<? extends CtiEvent> journaledEvents) {
            this.recovered = Objects.requireNonNull(journaledEvents, "journaledEvents");
            return this;
        }

        /** Ring entries, a power of two (default 65,536). Publishers wait while the ring is full. */
        public Builder ringSize(int size) {
            if (size < 2 || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("ring size must be a power of two, got " + size);
            }
            this.ringSize = size;
            return this;
        }

        /** How long a command may wait for the switch's answer (default 10 s). */
        public Builder commandTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("command timeout must be positive");
            }
            this.commandTimeout = timeout;
            return this;
        }

        /** Period of wall-clock ticks (default 100 ms); zero for none. Unused when a switch emits ticks. */
        public Builder tickInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("tick interval must not be negative");
            }
            this.tickInterval = interval;
            return this;
        }

        /** How handler threads wait for work (default BLOCKING). */
        public Builder waitMode(WaitMode mode) {
            this.waitMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Creates the adapters named by URI, starts the ring, then starts every adapter.
         *
         * @throws io.callwire.core.spi.InvalidSwitchUriException    for a malformed URI
         * @throws io.callwire.core.spi.UnknownSwitchSchemeException for a scheme no provider handles
         */
        public CtiEngine start() {
            SwitchConnector c = connector != null ? connector : SwitchConnector.fromClassPath();
            for (String uri : uris) {
                adapter(c.create(uri));
            }
            if (adapters.isEmpty()) {
                throw new IllegalStateException("no switch configured; add one with switchUri(\"sim:\")");
            }
            CtiEngine engine = new CtiEngine(this);
            engine.start(listeners, tickInterval);
            return engine;
        }
    }
}

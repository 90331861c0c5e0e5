package io.callwire.adapter.simulator;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.Tick;
import io.callwire.core.model.LinkState;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory switch that behaves like a small contact center: the embedded default for the demo, the tests and
 * the benchmarks. Create it from a {@code sim:} URI through {@link SimulatorProvider} (see {@link SimulatorConfig}
 * for the parameters).
 *
 * <p>One thread, {@code cti-sim-<id>}, owns the whole simulation and runs it as a discrete-event loop on a virtual
 * clock, paced against the wall clock by {@code speed} (or flat out with {@code speed=0}, where the engine's
 * back-pressure paces it); the clock also drives the Tick events. Commands are handed to that thread and carried
 * out at the current virtual time; {@link #execute} never blocks. With a fixed {@code seed} and {@code epoch}, and
 * no commands, every run publishes the same events, timestamps included.
 */
public final class SimulatorAdapter implements SwitchAdapter {
    private static final Logger log = LoggerFactory.getLogger(SimulatorAdapter.class);
    /** Longest wait for a command while nothing is due, so a stop request is noticed promptly. */
    private static final long IDLE_WAIT_MILLIS = 50;
    /** Due steps run in a row at most before a waiting command gets its turn (when the run lags the wall clock). */
    private static final int STEPS_BEFORE_COMMAND = 256;

    private final SimulatorConfig config;
    private final Switch info;
    private final LinkedBlockingQueue<QueuedCommand> inbox = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile ContactCenter center;
    private volatile Agenda agenda;
    private Thread thread;
    /** A command the simulator thread took from the inbox and runs next; simulator thread only. */
    private QueuedCommand held;

    /** A simulator with the given settings; {@link #start} begins the simulation. */
    public SimulatorAdapter(SimulatorConfig config) {
        this.config = config;
        this.info = new Switch(config.id(), SwitchKind.SIMULATOR, "sim-node");
    }

    /** The settings this simulator runs with. */
    public SimulatorConfig config() {
        return config;
    }

    /**
     * Generated calls that have arrived so far. Their arrival events are already published, so a snapshot
     * requested after reading this number reflects them.
     */
    public int callsGenerated() {
        ContactCenter c = center;
        return c == null ? 0 : c.traffic().arrived();
    }

    /** The simulator's virtual time (epoch ms) as of its last step; the epoch before it starts, -1 before {@link #start}. */
    public long currentTime() {
        Agenda a = agenda;
        return a == null ? -1 : a.time();
    }

    @Override
    public Switch info() {
        return info;
    }

    /** True: the simulator publishes a Tick every {@code tickMillis} of its virtual time. */
    @Override
    public boolean emitsTicks() {
        return true;
    }

    @Override
    public synchronized void start(EventSink sink) {
        if (thread != null) {
            throw new IllegalStateException("simulator " + config.id() + " already started");
        }
        long epoch = config.epoch() >= 0 ? config.epoch() : System.currentTimeMillis() / 1000 * 1000;
        agenda = new Agenda(epoch);
        running = true;
        thread = new Thread(() -> run(sink, epoch), "cti-sim-" + config.id());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the command for the simulator thread; the stage completes when that thread has carried it out. */
    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        QueuedCommand queued = new QueuedCommand(command, new CompletableFuture<>());
        if (!running) {
            queued.refuse(config.id());
            return queued.result;
        }
        inbox.add(queued);
        if (!running && inbox.remove(queued)) {
            queued.refuse(config.id());
        }
        return queued.result;
    }

    /** True for every command of the command API. */
    @Override
    public boolean supports(Class<? extends CtiCommand> commandType) {
        return true;
    }

    /** Stops the simulator thread and waits for it; nothing is published after this returns. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("simulator {} thread did not stop within 5 s", config.id());
            }
        }
    }

    private void run(EventSink sink, long epoch) {
        Agenda agenda = this.agenda;
        ContactCenter center = new ContactCenter(config, agenda, sink::publish);
        CallControl control = new CallControl(center, config.id());
        this.center = center;
        Pacer pacer = new Pacer(epoch, System.nanoTime());
        try {
            sink.publish(new LinkStateChanged(Envelope.of(config.id(), epoch, "", "", ""), LinkState.UP,
                    "simulator started"));
            center.open();
            scheduleTick(agenda, sink, epoch + config.tickMillis());
            loop(agenda, control, pacer, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                log.error("simulator {} stopped by an internal error", config.id(), e);
                sink.publish(new LinkStateChanged(Envelope.of(config.id(), agenda.now(), "", "", ""), LinkState.DOWN,
                        "simulator stopped: " + e));
            }
        } finally {
            running = false;
            QueuedCommand left;
            while ((left = takeCommand()) != null) {
                left.refuse(config.id());
            }
        }
    }

    /**
     * The discrete-event loop. Flat out ({@code speed=0}): a waiting command first, else the next step while
     * there is work, else wait for a command; with library routing, each turn first waits until the engine has
     * applied what the simulator published, so the router's commands arrive before virtual time moves on and
     * a flat-out run decides exactly like a paced one. Paced: every step due by the wall clock first (a few hundred in a
     * row at most while a command waits), then a command at the wall clock's virtual time, else wait for the
     * next step or a command. Commands run in the order they arrived.
     */
    private void loop(Agenda agenda, CallControl control, Pacer pacer, EventSink sink) throws InterruptedException {
        int steps = 0;
        while (running) {
            if (config.speed() == 0) {
                if (!config.switchRouting()) {
                    sink.awaitApplied();
                }
                QueuedCommand command = takeCommand();
                if (command != null) {
                    command.run(control);
                } else if (agenda.hasWork()) {
                    step(agenda);
                } else {
                    held = inbox.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
                continue;
            }
            Agenda.Task next = agenda.peek();
            long virtualNow = pacer.virtualNow();
            boolean commandWaits = held != null || !inbox.isEmpty();
            if (next != null && next.at <= virtualNow && (steps < STEPS_BEFORE_COMMAND || !commandWaits)) {
                step(agenda);
                steps++;
                continue;
            }
            steps = 0;
            QueuedCommand command = takeCommand();
            if (command != null) {
                agenda.advanceTo(virtualNow);
                command.run(control);
            } else {
                long wait = next == null ? IDLE_WAIT_MILLIS : Math.min(IDLE_WAIT_MILLIS, pacer.millisUntil(next.at));
                held = inbox.poll(Math.max(1, wait), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The command taken from the inbox while waiting, else the next one in the inbox, or null. */
    private QueuedCommand takeCommand() {
        QueuedCommand command = held != null ? held : inbox.poll();
        held = null;
        return command;
    }

    /** Runs the next scheduled step; a failing step is logged and skipped so the switch keeps running. */
    private void step(Agenda agenda) {
        try {
            agenda.runNext();
        } catch (RuntimeException e) {
            log.error("simulator {} skipped a failing step at {}", config.id(), agenda.now(), e);
        }
    }

    private void scheduleTick(Agenda agenda, EventSink sink, long at) {
        agenda.tick(at, () -> {
            sink.publish(new Tick(Envelope.of(config.id(), at, "", "", "")));
            scheduleTick(agenda, sink, at + config.tickMillis());
        });
    }

    /** Maps wall time to virtual time for {@code speed > 0}. */
    private final class Pacer {
        private final long epoch;
        private final long wallStart;

        Pacer(long epoch, long wallStart) {
            this.epoch = epoch;
            this.wallStart = wallStart;
        }

        long virtualNow() {
            return epoch + (long) ((System.nanoTime() - wallStart) / 1_000_000 * config.speed());
        }

        /** Wall milliseconds until the virtual time {@code at}. */
        long millisUntil(long at) {
            return (long) Math.ceil((at - virtualNow()) / config.speed());
        }
    }

    /** A command waiting for the simulator thread. */
    private record QueuedCommand(CtiCommand command, CompletableFuture<CommandResult> result) {
        void run(CallControl control) {
            try {
                result.complete(control.execute(command));
            } catch (SwitchRejectedException e) {
                log.debug("simulator rejected {}: {}", command, e.reason());
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                log.warn("simulator failed on {}", command, e);
                result.completeExceptionally(e);
            }
        }

        void refuse(String switchId) {
            result.completeExceptionally(new SwitchRejectedException(switchId, "simulator is stopped"));
        }
    }
}

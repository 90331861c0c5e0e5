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
 * the benchmarks. One thread owns the whole simulation and runs it on a virtual clock, paced against the wall
 * clock by {@code speed} (or flat out with {@code speed=0}); the clock also drives the Tick events. Commands are
 * queued to that thread and carried out at the current virtual time. With a fixed {@code seed} and
 * {@code epoch}, and no commands, every run publishes the same events.
 */
public final class SimulatorAdapter implements SwitchAdapter {
    private static final Logger log = LoggerFactory.getLogger(SimulatorAdapter.class);
    private static final long IDLE_WAIT_MILLIS = 50;

    private final SimulatorConfig config;
    private final Switch info;
    private final LinkedBlockingQueue<QueuedCommand> inbox = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile ContactCenter center;
    private Thread thread;

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
        return c == null ? 0 : c.arrived();
    }

    @Override
    public Switch info() {
        return info;
    }

    @Override
    public boolean emitsTicks() {
        return true;
    }

    @Override
    public synchronized void start(EventSink sink) {
        if (thread != null) {
            throw new IllegalStateException("simulator " + config.id() + " already started");
        }
        running = true;
        thread = new Thread(() -> run(sink), "cti-sim-" + config.id());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new SwitchRejectedException(config.id(), "simulator is stopped"));
            return result;
        }
        inbox.add(new QueuedCommand(command, result));
        return result;
    }

    @Override
    public boolean supports(Class<? extends CtiCommand> commandType) {
        return true;
    }

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
        }
    }

    private void run(EventSink sink) {
        long epoch = config.epoch() >= 0 ? config.epoch() : System.currentTimeMillis() / 1000 * 1000;
        Agenda agenda = new Agenda(epoch);
        ContactCenter center = new ContactCenter(config, agenda, sink::publish);
        this.center = center;
        long wallStart = System.nanoTime();
        try {
            sink.publish(new LinkStateChanged(Envelope.of(config.id(), epoch, "", "", ""), LinkState.UP,
                    "simulator started"));
            center.open();
            scheduleTick(agenda, sink, epoch + config.tickMillis());
            while (running) {
                QueuedCommand command = inbox.poll();
                if (command == null) {
                    long wait = millisUntilDue(agenda, epoch, wallStart);
                    if (wait <= 0) {
                        runNext(agenda);
                        continue;
                    }
                    command = inbox.poll(wait, TimeUnit.MILLISECONDS);
                    if (command == null) {
                        continue;
                    }
                }
                if (config.speed() > 0) {
                    agenda.advanceTo(virtualNow(epoch, wallStart));
                }
                command.run(center);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                log.error("simulator {} stopped by an internal error", config.id(), e);
                sink.publish(new LinkStateChanged(Envelope.of(config.id(), agenda.now(), "", "", ""), LinkState.DOWN,
                        "simulator stopped: " + e));
            }
        }
        running = false;
        QueuedCommand left;
        while ((left = inbox.poll()) != null) {
            left.result.completeExceptionally(new SwitchRejectedException(config.id(), "simulator is stopped"));
        }
    }

    /** Runs the next scheduled step; a failing step is logged and skipped so the switch keeps running. */
    private void runNext(Agenda agenda) {
        try {
            agenda.runNext();
        } catch (RuntimeException e) {
            log.error("simulator {} skipped a failing step at {}", config.id(), agenda.now(), e);
        }
    }

    private long virtualNow(long epoch, long wallStart) {
        return epoch + (long) ((System.nanoTime() - wallStart) / 1_000_000 * config.speed());
    }

    /** How long the thread may wait for a command before the agenda's next task is due; 0 or less = due now. */
    private long millisUntilDue(Agenda agenda, long epoch, long wallStart) {
        if (config.speed() == 0) {
            return agenda.hasWork() ? 0 : IDLE_WAIT_MILLIS;
        }
        Agenda.Task next = agenda.peek();
        if (next == null) {
            return IDLE_WAIT_MILLIS;
        }
        long due = (long) ((next.at - epoch) / config.speed()) - (System.nanoTime() - wallStart) / 1_000_000;
        return Math.min(due, IDLE_WAIT_MILLIS);
    }

    private void scheduleTick(Agenda agenda, EventSink sink, long at) {
        agenda.tick(at, () -> {
            sink.publish(new Tick(Envelope.of(config.id(), at, "", "", "")));
            scheduleTick(agenda, sink, at + config.tickMillis());
        });
    }

    /** A command waiting for the simulator thread. */
    private record QueuedCommand(CtiCommand command, CompletableFuture<CommandResult> result) {
        void run(ContactCenter center) {
            try {
                result.complete(center.execute(command));
            } catch (SwitchRejectedException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                log.warn("simulator failed on {}", command, e);
                result.completeExceptionally(e);
            }
        }
    }
}

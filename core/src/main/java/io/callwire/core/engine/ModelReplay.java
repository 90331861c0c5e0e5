package io.callwire.core.engine;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.event.CtiEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine's call model rebuilt offline from journaled switch events, without a ring, threads or adapters.
 * It applies each event exactly as the state handler does (same tracker, same order), so a journal replayed
 * here gives the calls, legs, agents, queues and link states the engine had.
 *
 * <p>State extensions given to the constructor see the events as they would inside the engine (the resolved
 * event, then the tracker's derived events) and may {@code emit}; their {@code send} and {@code publish} do
 * nothing during a replay — what the switch answered and what was published came through the ring and is in
 * the journal already. Journaled task commands go to the extensions through {@link #applyCommand}. So an
 * extension whose decisions depend only on events and task commands rebuilds its own state too, and the same
 * instance can then be handed to a new engine. Single-threaded.
 */
public final class ModelReplay {

    private final EngineCounters counters = new EngineCounters();
    private final CallTracker tracker = new CallTracker(counters);
    private final StateExtensions extensions;
    private final ReplayContext context = new ReplayContext();
    private final ArrayList<CtiEvent> scratch = new ArrayList<>(4);
    private boolean started;
    private long lastSequence = -1;
    private long applied;
    private long suppressedCommands;

    /** A replay of the call model alone. */
    public ModelReplay() {
        this(List.of());
    }

    /** A replay that also feeds {@code extensions}, in the order given, like the engine does. */
    public ModelReplay(List<? extends StateExtension> extensions) {
        this.extensions = new StateExtensions(extensions, counters);
    }

    /** Applies one journaled event; returns it with its library call id, or null when the engine suppresses it. */
    public CtiEvent apply(CtiEvent event) {
        return apply(event, null);
    }

    /**
     * Applies one journaled event; the events derived from it (the tracker's, e.g. CallEnded after the last
     * clearing, then those the extensions emitted) are added to {@code derived} when it is not null.
     */
    public CtiEvent apply(CtiEvent event, List<CtiEvent> derived) {
        Objects.requireNonNull(event, "event");
        startExtensions();
        scratch.clear();
        CtiEvent resolved = tracker.apply(event, scratch);
        if (!extensions.isEmpty()) {
            context.sequence = event.sequence();
            int trackerDerived = scratch.size();
            if (resolved != null) {
                extend(resolved);
            }
            for (int i = 0; i < trackerDerived; i++) {
                extend(scratch.get(i));
            }
        }
        if (derived != null) {
            derived.addAll(scratch);
        }
        lastSequence = event.sequence();
        applied++;
        return resolved;
    }

    /**
     * Applies one journaled host command at its ring sequence. Only task commands change state here (the first
     * extension that handles them carries them out, as in the engine); other commands went to the switch, and
     * their effects are the journaled events. Events the extension emits are added to {@code derived} when it
     * is not null. A command the extension refuses is refused here too, silently: the host was told then.
     */
    public void applyCommand(long sequence, CtiCommand command, List<CtiEvent> derived) {
        Objects.requireNonNull(command, "command");
        if (!(command instanceof TaskCommand task) || extensions.isEmpty()) {
            return;
        }
        startExtensions();
        scratch.clear();
        context.sequence = sequence;
        try {
            extensions.onCommand(task, context);
        } catch (RuntimeException e) {
            // refused or failed live too: the host was told then; a failure is logged and counted
        }
        if (derived != null) {
            derived.addAll(scratch);
        }
    }

    private void startExtensions() {
        if (!started) {
            started = true;
            extensions.start(context);
        }
    }

    private void extend(CtiEvent event) {
        extensions.onEvent(event, context);
    }

    /** Events applied so far. */
    public long applied() {
        return applied;
    }

    /** Commands the extensions tried to send during the replay (not sent). */
    public long suppressedCommands() {
        return suppressedCommands;
    }

    /** The model now; its sequence is the ring sequence of the last event applied (-1 before any). */
    public EngineSnapshot snapshot() {
        return tracker.snapshot(lastSequence);
    }

    /** Counters of the replay (illegal transitions, untracked and duplicate events, extension failures). */
    public EngineMetrics metrics() {
        return counters.view(applied);
    }

    /** The extensions' window during a replay: reads the replayed model, emits, and sends nothing. */
    private final class ReplayContext extends TrackerContext {
        long sequence;

        ReplayContext() {
            super(tracker);
        }

        @Override
        public void emit(CtiEvent event) {
            scratch.add(event.withEnvelope(event.envelope().withSequence(sequence)));
        }

        @Override
        public CompletionStage<CommandResult> send(CtiCommand command) {
            suppressedCommands++;
            return new CompletableFuture<>(); // never completes: the switch's answer is in the journal already
        }

        @Override
        public void publish(CtiEvent event) {
            // published events went through the ring and were journaled when the engine ran
        }
    }
}

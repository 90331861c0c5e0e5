package io.callwire.core.engine;

import io.callwire.core.event.CtiEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine's call model rebuilt offline from journaled switch events, without a ring, threads or adapters.
 * It applies each event exactly as the state handler does (same tracker, same order), so a journal replayed
 * here gives the calls, legs, agents, queues and link states the engine had. Single-threaded.
 */
public final class ModelReplay {
    private final EngineCounters counters = new EngineCounters();
    private final CallTracker tracker = new CallTracker(counters);
    private final ArrayList<CtiEvent> scratch = new ArrayList<>(4);
    private long lastSequence = -1;
    private long applied;

    /** Applies one journaled event; returns it with its library call id, or null when the engine suppresses it. */
    public CtiEvent apply(CtiEvent event) {
        return apply(event, null);
    }

    /**
     * Applies one journaled event; the events the model derives from it (e.g. CallEnded after the last
     * clearing) are added to {@code derived} when it is not null.
     */
    public CtiEvent apply(CtiEvent event, List<CtiEvent> derived) {
        Objects.requireNonNull(event, "event");
        scratch.clear();
        CtiEvent resolved = tracker.apply(event, scratch);
        if (derived != null) {
            derived.addAll(scratch);
        }
        lastSequence = event.sequence();
        applied++;
        return resolved;
    }

    /** Events applied so far. */
    public long applied() {
        return applied;
    }

    /** The model now; its sequence is the ring sequence of the last event applied (-1 before any). */
    public EngineSnapshot snapshot() {
        return tracker.snapshot(lastSequence);
    }

    /** Counters of the replay (illegal transitions, untracked and duplicate events). */
    public EngineMetrics metrics() {
        return counters.view(applied);
    }
}

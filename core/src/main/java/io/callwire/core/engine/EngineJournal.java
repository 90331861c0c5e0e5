package io.callwire.core.engine;

import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;

/**
 * Records every ring entry that changes state — switch events and host commands — in ring order, on its own
 * thread beside the state handler. Listeners see an event only after the journal has recorded it, so what a
 * host was told is always in the journal. The recorder module implements this on Chronicle Queue.
 */
public interface EngineJournal extends AutoCloseable {

    /** Records a switch event (its envelope holds the ring sequence and the switch's native call id). */
    void record(CtiEvent event);

    /** Records a host command at its ring sequence, before the state handler has checked it. */
    void record(long sequence, CtiCommand command);

    /**
     * Whether the journal also records decisions: the events the engine derived from each entry (routing
     * decisions, a derived CallEnded). The engine then calls the journal on its own thread after the state
     * handler instead of beside it, so that each entry's decisions follow it; replays recompute them, the
     * journal keeps them for audit.
     */
    default boolean recordsDecisions() {
        return false;
    }

    /** Records one decision derived from the entry just recorded; only when {@link #recordsDecisions()}. */
    default void recordDecision(CtiEvent decision) {
    }

    /** Called after the last entry of a batch the ring handed over: the place to flush batched writes. */
    default void endOfBatch() {
    }

    /** Called once when the engine closes, after the last entry. */
    @Override
    default void close() {
    }
}

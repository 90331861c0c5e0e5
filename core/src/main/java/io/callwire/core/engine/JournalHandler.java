package io.callwire.core.engine;

import com.lmax.disruptor.EventHandler;
import io.callwire.core.engine.EngineRequest.CommandRequest;

/**
 * Hands events and commands to the {@link EngineJournal}, in parallel with the state handler; or after it,
 * with the decisions derived from each entry, when the journal records decisions.
 */
final class JournalHandler implements EventHandler<RingSlot> {
    private final EngineJournal journal;
    private final boolean decisions;

    JournalHandler(EngineJournal journal) {
        this.journal = journal;
        this.decisions = journal.recordsDecisions();
    }

    @Override
    public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) {
        try {
            if (slot.event != null) {
                journal.record(slot.event);
            } else if (slot.request instanceof CommandRequest r) {
                journal.record(sequence, r.command());
            }
            if (decisions) {
                for (int i = 0, n = slot.derived.size(); i < n; i++) {
                    journal.recordDecision(slot.derived.get(i));
                }
            }
        } finally {
            if (endOfBatch) {
                journal.endOfBatch();
            }
        }
    }

    @Override
    public void onShutdown() {
        journal.close();
    }
}

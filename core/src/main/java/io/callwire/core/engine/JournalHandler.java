package io.callwire.core.engine;

import com.lmax.disruptor.EventHandler;
import io.callwire.core.engine.EngineRequest.CommandRequest;

/** Hands events and commands to the {@link EngineJournal}, in parallel with the state handler. */
final class JournalHandler implements EventHandler<RingSlot> {
    private final EngineJournal journal;

    JournalHandler(EngineJournal journal) {
        this.journal = journal;
    }

    @Override
    public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) {
        if (slot.event != null) {
            journal.record(slot.event);
        } else if (slot.request instanceof CommandRequest r) {
            journal.record(sequence, r.command());
        }
        if (endOfBatch) {
            journal.endOfBatch();
        }
    }

    @Override
    public void onShutdown() {
        journal.close();
    }
}

package io.callwire.core.engine;

import com.lmax.disruptor.EventHandler;

/**
 * The state handler and, right after it on the same thread, the journal handler: how the engine runs when the
 * journal records decisions, which exist only once the state handler has run. One thread instead of two in a
 * row saves a hand-over per entry, which on a small machine costs more than the journal's own work.
 */
final class JournaledStateHandler implements EventHandler<RingSlot> {
    private final StateHandler state;
    private final JournalHandler journal;

    JournaledStateHandler(StateHandler state, JournalHandler journal) {
        this.state = state;
        this.journal = journal;
    }

    @Override
    public void onStart() {
        state.onStart();
        journal.onStart();
    }

    @Override
    public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) throws Exception {
        state.onEvent(slot, sequence, endOfBatch);
        journal.onEvent(slot, sequence, endOfBatch);
    }

    @Override
    public void onShutdown() {
        try {
            state.onShutdown();
        } finally {
            journal.onShutdown();
        }
    }
}

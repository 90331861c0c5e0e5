package io.callwire.core.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;

/**
 * Runs a handler that later handlers wait for, and wakes them after each batch: the Disruptor moves a
 * handler's sequence on without telling the wait strategy, so handlers blocked behind it (see
 * {@link StageBlockingWaitStrategy}) would otherwise sleep until the next publish.
 */
final class SignallingStage implements EventHandler<RingSlot> {
    private final EventHandler<RingSlot> stage;
    private final WaitStrategy waiting;
    private Sequence progress;

    SignallingStage(EventHandler<RingSlot> stage, WaitStrategy waiting) {
        this.stage = stage;
        this.waiting = waiting;
    }

    @Override
    public void setSequenceCallback(Sequence sequence) {
        this.progress = sequence;
        stage.setSequenceCallback(sequence);
    }

    @Override
    public void onStart() {
        stage.onStart();
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        stage.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) throws Exception {
        try {
            stage.onEvent(slot, sequence, endOfBatch);
        } finally {
            if (endOfBatch) {
                progress.set(sequence);
                waiting.signalAllWhenBlocking();
            }
        }
    }

    @Override
    public void onTimeout(long sequence) throws Exception {
        stage.onTimeout(sequence);
    }

    @Override
    public void onShutdown() {
        stage.onShutdown();
    }
}

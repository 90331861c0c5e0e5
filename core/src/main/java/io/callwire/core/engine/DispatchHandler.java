package io.callwire.core.engine;

import com.lmax.disruptor.EventHandler;
import io.callwire.core.event.CtiEvent;

import java.util.concurrent.CopyOnWriteArrayList;

/** Hands each resolved event and the events derived from it to every listener's bounded queue. */
final class DispatchHandler implements EventHandler<RingSlot> {
    private final CopyOnWriteArrayList<Subscription> subscriptions;

    DispatchHandler(CopyOnWriteArrayList<Subscription> subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) {
        if (slot.resolved != null) {
            deliver(slot.resolved);
        }
        for (int i = 0, n = slot.derived.size(); i < n; i++) {
            deliver(slot.derived.get(i));
        }
    }

    private void deliver(CtiEvent event) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }
}

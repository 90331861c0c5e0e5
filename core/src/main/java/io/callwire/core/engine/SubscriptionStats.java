package io.callwire.core.engine;

/**
 * Delivery counters of one listener.
 *
 * @param name         listener name given at subscription
 * @param delivered    events handed to the listener
 * @param dropped      events lost to the overflow policy
 * @param failures     exceptions the listener threw
 * @param queued       events waiting in its queue now
 * @param disconnected true once the DISCONNECT policy or {@link Subscription#close()} stopped delivery
 */
public record SubscriptionStats(String name, long delivered, long dropped, long failures, int queued,
                                boolean disconnected) {
}

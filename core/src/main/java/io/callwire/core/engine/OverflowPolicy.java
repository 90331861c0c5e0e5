package io.callwire.core.engine;

/**
 * What happens when a listener's bounded queue is full. Every overflow is counted in
 * {@link SubscriptionStats#dropped()} and logged; the engine itself never waits for a listener.
 */
public enum OverflowPolicy {
    /** Discard the event that does not fit; the listener misses the newest events. */
    DROP_NEWEST,
    /** Discard the oldest queued event to make room; the listener misses older events. */
    DROP_OLDEST,
    /** Stop delivering to the listener altogether; it receives what was queued and then nothing. */
    DISCONNECT
}

package io.callwire.core.spi;

import io.callwire.core.event.CtiEvent;

/**
 * Where an adapter publishes the events it translated. Thread-safe: any number of adapter threads may
 * publish at once. Publication blocks only while the engine's ring is full (back-pressure), so an adapter
 * whose reader thread must never stall hands events over through its own bounded buffer first.
 */
@FunctionalInterface
public interface EventSink {

    /** Publishes one event; the engine assigns its sequence. Events of one call must be published in order. */
    void publish(CtiEvent event);

    /**
     * Blocks until the engine's single writer has applied every event published so far, so that every command
     * sent in response to them has reached its adapter. For adapters that run virtual time flat out (the
     * simulator) and must not run ahead of the engine's decisions; a real switch's adapter never calls it.
     * Returns early, without error, when the engine stops.
     */
    default void awaitApplied() {
    }
}

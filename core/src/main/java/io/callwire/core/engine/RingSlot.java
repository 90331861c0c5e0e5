package io.callwire.core.engine;

import io.callwire.core.event.CtiEvent;

import java.util.ArrayList;

/**
 * One pre-allocated entry of the engine's ring: either an event from a switch or a request from the host.
 * Written by the publisher, then by the state handler (resolved event, derived events), read by the
 * dispatch handler; the Disruptor's sequence barriers order those accesses.
 */
final class RingSlot {
    CtiEvent event;
    EngineRequest request;
    /** Event to dispatch after the state handler: the event with its library call id, or null to suppress. */
    CtiEvent resolved;
    final ArrayList<CtiEvent> derived = new ArrayList<>(4);

    void set(CtiEvent newEvent, EngineRequest newRequest) {
        event = newEvent;
        request = newRequest;
        resolved = null;
        derived.clear();
    }
}

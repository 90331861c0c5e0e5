package io.callwire.core.event;

import io.callwire.core.model.LinkState;

/** The connection to the switch changed state; commands to a DOWN switch fail fast. */
public record LinkStateChanged(Envelope envelope, LinkState state, String detail) implements CtiEvent {
    @Override
    public LinkStateChanged withEnvelope(Envelope e) {
        return new LinkStateChanged(e, state, detail);
    }
}

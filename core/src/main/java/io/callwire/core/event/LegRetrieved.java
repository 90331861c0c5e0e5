package io.callwire.core.event;

/** The leg was taken off hold. */
public record LegRetrieved(Envelope envelope) implements CtiEvent {
    @Override
    public LegRetrieved withEnvelope(Envelope e) {
        return new LegRetrieved(e);
    }
}

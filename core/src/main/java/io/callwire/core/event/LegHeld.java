package io.callwire.core.event;

/** The leg was put on hold. */
public record LegHeld(Envelope envelope) implements CtiEvent {
    @Override
    public LegHeld withEnvelope(Envelope e) {
        return new LegHeld(e);
    }
}

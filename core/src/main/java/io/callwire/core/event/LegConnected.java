package io.callwire.core.event;

/** The leg is answered and talking (CSTA Established). */
public record LegConnected(Envelope envelope) implements CtiEvent {
    @Override
    public LegConnected withEnvelope(Envelope e) {
        return new LegConnected(e);
    }
}

package io.callwire.core.event;

/** The leg's device is ringing (CSTA Delivered). */
public record LegAlerting(Envelope envelope) implements CtiEvent {
    @Override
    public LegAlerting withEnvelope(Envelope e) {
        return new LegAlerting(e);
    }
}

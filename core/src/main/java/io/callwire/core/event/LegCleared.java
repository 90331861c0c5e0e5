package io.callwire.core.event;

/** The leg hung up or was disconnected, with the switch's cause. */
public record LegCleared(Envelope envelope, String cause) implements CtiEvent {
    @Override
    public LegCleared withEnvelope(Envelope e) {
        return new LegCleared(e, cause);
    }
}

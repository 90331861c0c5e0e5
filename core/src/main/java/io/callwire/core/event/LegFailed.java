package io.callwire.core.event;

/** The leg failed to connect (busy, no answer, congestion, unavailable), with the switch's cause. */
public record LegFailed(Envelope envelope, String cause) implements CtiEvent {
    @Override
    public LegFailed withEnvelope(Envelope e) {
        return new LegFailed(e, cause);
    }
}

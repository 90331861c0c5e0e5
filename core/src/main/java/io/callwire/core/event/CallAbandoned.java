package io.callwire.core.event;

/** The caller hung up while waiting in {@code queueId} after {@code waitedMillis}. */
public record CallAbandoned(Envelope envelope, String queueId, long waitedMillis) implements CtiEvent {
    @Override
    public CallAbandoned withEnvelope(Envelope e) {
        return new CallAbandoned(e, queueId, waitedMillis);
    }
}

package io.callwire.core.event;

/** The call's leg waits in queue {@code queueId} (CSTA Queued). */
public record CallQueued(Envelope envelope, String queueId) implements CtiEvent {
    @Override
    public CallQueued withEnvelope(Envelope e) {
        return new CallQueued(e, queueId);
    }
}

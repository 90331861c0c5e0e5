package io.callwire.core.event;

/** The call is over: its last leg cleared or the switch cleared the whole call. */
public record CallEnded(Envelope envelope, String cause) implements CtiEvent {
    @Override
    public CallEnded withEnvelope(Envelope e) {
        return new CallEnded(e, cause);
    }
}

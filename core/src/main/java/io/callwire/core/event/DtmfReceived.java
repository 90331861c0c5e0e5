package io.callwire.core.event;

/** A DTMF digit was received on the leg. */
public record DtmfReceived(Envelope envelope, String digit) implements CtiEvent {
    @Override
    public DtmfReceived withEnvelope(Envelope e) {
        return new DtmfReceived(e, digit);
    }
}

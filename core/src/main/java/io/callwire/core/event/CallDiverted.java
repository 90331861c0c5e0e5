package io.callwire.core.event;

/** The call moved from one device to another before being answered (redirect, deflect, forward). */
public record CallDiverted(Envelope envelope, String fromDeviceId, String toDeviceId, String reason) implements CtiEvent {
    @Override
    public CallDiverted withEnvelope(Envelope e) {
        return new CallDiverted(e, fromDeviceId, toDeviceId, reason);
    }
}

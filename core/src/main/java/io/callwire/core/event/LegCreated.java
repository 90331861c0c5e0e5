package io.callwire.core.event;

import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

/** A leg joined a call on a device, entering {@code initialState} (INITIATED, ALERTING or QUEUED). */
public record LegCreated(Envelope envelope, LegRole role, LegState initialState, DeviceType deviceType, String number) implements CtiEvent {
    @Override
    public LegCreated withEnvelope(Envelope e) {
        return new LegCreated(e, role, initialState, deviceType, number);
    }
}

package io.callwire.core.event;

import io.callwire.core.model.Direction;

/** A new call appeared on the switch (CSTA Originated/ServiceInitiated, AMI Newchannel of a new Linkedid, ESL CHANNEL_CREATE of a new Call-UUID). {@code parentCallId} names the call a consultation was made from, empty otherwise. */
public record CallStarted(Envelope envelope, Direction direction, String ani, String dnis, String parentCallId) implements CtiEvent {
    @Override
    public CallStarted withEnvelope(Envelope e) {
        return new CallStarted(e, direction, ani, dnis, parentCallId);
    }
}

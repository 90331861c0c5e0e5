package io.callwire.core.event;

import java.util.List;

/** Calls were joined into a conference; the envelope's call id survives, {@code oldCallIds} were merged into it. */
public record CallConferenced(Envelope envelope, List<String> oldCallIds, List<String> partyDeviceIds) implements CtiEvent {
    public CallConferenced {
        oldCallIds = List.copyOf(oldCallIds);
        partyDeviceIds = List.copyOf(partyDeviceIds);
    }

    @Override
    public CallConferenced withEnvelope(Envelope e) {
        return new CallConferenced(e, oldCallIds, partyDeviceIds);
    }
}

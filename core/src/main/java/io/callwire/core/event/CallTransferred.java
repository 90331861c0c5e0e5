package io.callwire.core.event;

import java.util.List;

/** The call was transferred. The envelope's call id is the surviving call; {@code oldCallIds} are the calls merged into it (consultation or ids the switch replaced). */
public record CallTransferred(Envelope envelope, List<String> oldCallIds, TransferKind kind, String transferringDeviceId, String destination) implements CtiEvent {
    public CallTransferred {
        oldCallIds = List.copyOf(oldCallIds);
    }

    @Override
    public CallTransferred withEnvelope(Envelope e) {
        return new CallTransferred(e, oldCallIds, kind, transferringDeviceId, destination);
    }
}

package io.callwire.core.event;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Attached data of the call changed; {@code data} holds the new values (an empty value removes a key). */
public record CallDataChanged(Envelope envelope, Map<String, String> data) implements CtiEvent {
    public CallDataChanged {
        data = Collections.unmodifiableMap(new TreeMap<>(data));
    }

    @Override
    public CallDataChanged withEnvelope(Envelope e) {
        return new CallDataChanged(e, data);
    }
}

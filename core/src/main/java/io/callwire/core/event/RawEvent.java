package io.callwire.core.event;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A vendor event the adapter does not translate, passed through instead of dropped. */
public record RawEvent(Envelope envelope, String vendorType, Map<String, String> fields) implements CtiEvent {
    public RawEvent {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    @Override
    public RawEvent withEnvelope(Envelope e) {
        return new RawEvent(e, vendorType, fields);
    }
}

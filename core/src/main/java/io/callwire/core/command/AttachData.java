package io.callwire.core.command;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Attach key/value data to the call (channel variables, UUI, ...); an empty value removes a key. */
public record AttachData(String callId, Map<String, String> data) implements CallCommand {
    public AttachData {
        Require.id(callId, "callId");
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("data must not be empty");
        }
        data = Collections.unmodifiableMap(new TreeMap<>(data));
    }
}

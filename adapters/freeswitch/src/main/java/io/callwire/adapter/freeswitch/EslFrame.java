package io.callwire.adapter.freeswitch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Event Socket message: the outer headers (always with {@code Content-Type}) and the body that
 * {@code Content-Length} announced, decoded as UTF-8 ({@code ""} when none). The body owns no buffer, so a frame
 * can travel anywhere without leaking.
 */
record EslFrame(Map<String, String> headers, String body) {

    EslFrame {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /** The {@code Content-Type}, e.g. {@code text/event-plain}, {@code command/reply}. */
    String contentType() {
        return headers.getOrDefault("Content-Type", "");
    }

    /** A header's value, {@code ""} when absent. */
    String header(String name) {
        return headers.getOrDefault(name, "");
    }
}

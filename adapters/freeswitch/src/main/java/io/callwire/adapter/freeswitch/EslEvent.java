package io.callwire.adapter.freeswitch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One FreeSWITCH event with its headers decoded (plain-format values are URL-decoded) and its optional body
 * (e.g. the result text of a BACKGROUND_JOB).
 */
record EslEvent(Map<String, String> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    EslEvent {
        headers = Collections.unmodifiableMap(headers);
        body = body == null ? "" : body;
    }

    /** {@code Event-Name}, or the {@code Event-Subclass} for CUSTOM events (e.g. {@code callcenter::info}). */
    String name() {
        String name = header("Event-Name");
        return name.equals("CUSTOM") && !header("Event-Subclass").isEmpty() ? header("Event-Subclass") : name;
    }

    String header(String name) {
        return headers.getOrDefault(name, "");
    }

    /** A header as a long, {@code fallback} when absent or not a number. */
    long longHeader(String name, long fallback) {
        String v = header(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Parses a {@code text/event-plain} body: URL-encoded {@code Name: value} lines, a blank line, then the
     * inner body when the event has its own {@code Content-Length}.
     *
     * @throws EslProtocolException when the body has bytes its headers do not account for (a lying outer
     *                              Content-Length) or a malformed header line
     */
    static EslEvent plain(String text) {
        int blank = text.indexOf("\n\n");
        String block = blank < 0 ? text : text.substring(0, blank);
        Map<String, String> raw = EslFrameDecoder.parseHeaders(block);
        Map<String, String> headers = new LinkedHashMap<>(raw.size() * 2);
        raw.forEach((k, v) -> headers.put(k, urlDecode(v)));
        String rest = blank < 0 ? "" : text.substring(blank + 2);
        String inner = "";
        String length = headers.get("Content-Length");
        if (length != null) {
            int n;
            try {
                n = Integer.parseInt(length.trim());
            } catch (NumberFormatException e) {
                throw new EslProtocolException("event body Content-Length is not a number: '" + length + "'");
            }
            byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
            if (bytes.length != n) {
                throw new EslProtocolException("event body announces " + n + " bytes but " + bytes.length
                        + " follow its headers (an outer Content-Length lied)");
            }
            inner = rest;
        } else if (!rest.isEmpty()) {
            throw new EslProtocolException(rest.getBytes(StandardCharsets.UTF_8).length
                    + " unexpected bytes after the event headers (an outer Content-Length lied): '"
                    + EslFrameDecoder.abbreviate(rest.strip()) + "'");
        }
        if (!headers.containsKey("Event-Name")) {
            throw new EslProtocolException("event without Event-Name: '" + EslFrameDecoder.abbreviate(block) + "'");
        }
        return new EslEvent(headers, inner);
    }

    /** Parses a {@code text/event-json} body: one JSON object of string values, the body under {@code _body}. */
    static EslEvent json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new EslProtocolException("event-json body is not JSON (an outer Content-Length may have lied): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("Event-Name")) {
            throw new EslProtocolException("event-json body is not an event object: '"
                    + EslFrameDecoder.abbreviate(text.strip()) + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String body = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String value = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
            if (f.getKey().equals("_body")) {
                body = value;
            } else {
                headers.put(f.getKey(), value);
            }
        }
        return new EslEvent(headers, body);
    }

    /** Percent-decoding as FreeSWITCH's switch_url_encode produces it; '+' stays '+', a bad escape stays literal. */
    static String urlDecode(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}

package io.callwire.adapter.freeswitch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ESL transcript from src/test/resources/transcripts: events as unencoded {@code Name: value} blocks,
 * separated by blank lines, split into parts by {@code %% pause} lines.
 */
final class Transcript {
    private Transcript() {
    }

    /** The transcript's parts, each a list of events, each a list of headers in order. */
    static List<List<List<Map.Entry<String, String>>>> load(String name) {
        String text;
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<List<List<Map.Entry<String, String>>>> parts = new ArrayList<>();
        List<List<Map.Entry<String, String>>> part = new ArrayList<>();
        List<Map.Entry<String, String>> event = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.equals("%% pause")) {
                parts.add(part);
                part = new ArrayList<>();
                continue;
            }
            if (line.isEmpty()) {
                if (!event.isEmpty()) {
                    part.add(event);
                    event = new ArrayList<>();
                }
                continue;
            }
            int colon = line.indexOf(": ");
            event.add(Map.entry(line.substring(0, colon), line.substring(colon + 2)));
        }
        if (!event.isEmpty()) {
            part.add(event);
        }
        parts.add(part);
        return parts;
    }
}

package io.callwire.adapter.asterisk;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One AMI event as plain text fields: the adapter's own, vendor-neutral copy of an asterisk-java event, so the
 * translator never touches asterisk-java types. Field names are lower case without separators
 * ({@code uniqueid}, {@code linkedid}, {@code destchannel}).
 *
 * @param name      the event name as asterisk-java knows it, e.g. {@code NewChannel}, {@code DtmfEnd}
 * @param fields    header values by lower-case name
 * @param timestamp the AMI {@code Timestamp} header in epoch milliseconds, else the time it was received
 */
record AmiEvent(String name, Map<String, String> fields, long timestamp) {

    AmiEvent {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** The field's value, empty when absent. */
    String get(String field) {
        String v = fields.get(field);
        return v == null ? "" : v;
    }

    /** The first of the fields that has a value, empty when none has. */
    String first(String... names) {
        for (String n : names) {
            String v = fields.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** True when the event has this name, ignoring case ({@code Newchannel} is asterisk-java's {@code NewChannel}). */
    boolean is(String eventName) {
        return name.equalsIgnoreCase(eventName);
    }
}

package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.event.ManagerEvent;

import java.util.Map;

/**
 * An AMI event asterisk-java has no class for, as the reader received it: the {@code Event:} name as Asterisk wrote
 * it and every header by lower-case name. {@link FallbackEventBuilder} creates it where asterisk-java would drop the
 * event, so the adapter can publish it as a RawEvent. The accessors are not getters on purpose: the generic
 * {@link AmiEventReader} must not read them as fields.
 */
final class UnknownAmiEvent extends ManagerEvent {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final Map<String, String> headers;

    UnknownAmiEvent(Object source, String type, Map<String, String> headers) {
        super(source);
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    /** The event name exactly as in the {@code Event:} header, e.g. {@code MCID}. */
    String type() {
        return type;
    }

    /** Every header by lower-case name; a repeated header's values joined by a line feed. */
    Map<String, String> headers() {
        return headers;
    }
}

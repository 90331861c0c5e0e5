package io.callwire.core.model;

/** Direction of a call as seen from the contact center. */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL, UNKNOWN
}

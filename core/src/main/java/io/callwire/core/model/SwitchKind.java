package io.callwire.core.model;

/** The family of telephone switch an adapter talks to. */
public enum SwitchKind {
    ASTERISK, FREESWITCH, CSTA, SIMULATOR, OTHER
}

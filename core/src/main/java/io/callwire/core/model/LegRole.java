package io.callwire.core.model;

/** The part a leg plays in its call. */
public enum LegRole {
    CALLER, CALLED, AGENT, QUEUE, IVR, CONSULT, SUPERVISOR, UNKNOWN
}

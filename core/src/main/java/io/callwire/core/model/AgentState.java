package io.callwire.core.model;

/** Work state of an agent. NOT_READY and WRAP_UP carry a reason code beside the state. */
public enum AgentState {
    /** Not logged in: receives no work. */
    LOGGED_OUT,
    /** Logged in but unavailable (break, meeting, training), with a reason code. */
    NOT_READY,
    /** Available for work. */
    READY,
    /** Held for one piece of work that is being offered. */
    RESERVED,
    /** Handling work. */
    BUSY,
    /** After-call work, with a reason code. */
    WRAP_UP
}

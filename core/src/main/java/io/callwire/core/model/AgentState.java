package io.callwire.core.model;

/** Work state of an agent. NOT_READY and WRAP_UP carry a reason code beside the state. */
public enum AgentState {
    LOGGED_OUT, NOT_READY, READY, RESERVED, BUSY, WRAP_UP
}

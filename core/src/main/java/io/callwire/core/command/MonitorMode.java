package io.callwire.core.command;

/** How a supervisor joins a call. */
public enum MonitorMode {
    /** Hear both parties, heard by none. */
    LISTEN,
    /** Hear both parties, heard by the agent only. */
    WHISPER,
    /** Join as a full party. */
    BARGE
}

package io.callwire.core.engine;

/**
 * How the engine's handler threads wait for new ring entries: a trade of latency against CPU.
 * BLOCKING suits shared or small machines; BUSY_SPIN needs a free core per handler thread.
 */
public enum WaitMode {
    BLOCKING, SLEEPING, YIELDING, BUSY_SPIN
}

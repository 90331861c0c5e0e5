package io.callwire.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * State of one leg (a CSTA connection).
 *
 * <pre>
 * NULL -&gt; INITIATED | ALERTING | QUEUED
 * INITIATED -&gt; ALERTING | QUEUED | CONNECTED
 * ALERTING -&gt; CONNECTED
 * QUEUED -&gt; ALERTING | CONNECTED
 * CONNECTED &lt;-&gt; HELD,  CONNECTED -&gt; QUEUED (sent back to a queue by a transfer)
 * any live state -&gt; FAILED | CLEARED,  FAILED -&gt; CLEARED
 * </pre>
 * Repeating the current state is a no-op, not an error: switches repeat themselves.
 */
public enum LegState {
    NULL, INITIATED, ALERTING, QUEUED, CONNECTED, HELD, FAILED, CLEARED;

    private Set<LegState> next;

    static {
        NULL.next = EnumSet.of(INITIATED, ALERTING, QUEUED, FAILED, CLEARED);
        INITIATED.next = EnumSet.of(ALERTING, QUEUED, CONNECTED, FAILED, CLEARED);
        ALERTING.next = EnumSet.of(CONNECTED, FAILED, CLEARED);
        QUEUED.next = EnumSet.of(ALERTING, CONNECTED, FAILED, CLEARED);
        CONNECTED.next = EnumSet.of(HELD, QUEUED, FAILED, CLEARED);
        HELD.next = EnumSet.of(CONNECTED, FAILED, CLEARED);
        FAILED.next = EnumSet.of(CLEARED);
        CLEARED.next = EnumSet.noneOf(LegState.class);
    }

    /** Whether a leg in this state may move to {@code target} (the same state counts as allowed). */
    public boolean canMoveTo(LegState target) {
        return target == this && this != NULL || next.contains(target);
    }

    /** True for FAILED and CLEARED: the leg takes no further part in the call. */
    public boolean isTerminal() {
        return this == FAILED || this == CLEARED;
    }

    /**
     * Checks a transition and returns the target state.
     *
     * @throws IllegalLegTransitionException naming call, leg, from and to when the move is impossible
     */
    public LegState moveTo(LegState target, String callId, String legId) {
        if (!canMoveTo(target)) {
            throw new IllegalLegTransitionException(callId, legId, this, target);
        }
        return target;
    }
}

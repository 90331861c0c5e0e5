package io.callwire.core.model;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.callwire.core.model.LegState.ALERTING;
import static io.callwire.core.model.LegState.CLEARED;
import static io.callwire.core.model.LegState.CONNECTED;
import static io.callwire.core.model.LegState.FAILED;
import static io.callwire.core.model.LegState.HELD;
import static io.callwire.core.model.LegState.INITIATED;
import static io.callwire.core.model.LegState.NULL;
import static io.callwire.core.model.LegState.QUEUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegStateTest {

    /** The whole transition table, written out independently of the implementation. */
    private static final Map<LegState, Set<LegState>> LEGAL = Map.of(
            NULL, EnumSet.of(INITIATED, ALERTING, QUEUED, FAILED, CLEARED),
            INITIATED, EnumSet.of(INITIATED, ALERTING, QUEUED, CONNECTED, FAILED, CLEARED),
            ALERTING, EnumSet.of(ALERTING, CONNECTED, FAILED, CLEARED),
            QUEUED, EnumSet.of(QUEUED, ALERTING, CONNECTED, FAILED, CLEARED),
            CONNECTED, EnumSet.of(CONNECTED, HELD, QUEUED, FAILED, CLEARED),
            HELD, EnumSet.of(HELD, CONNECTED, FAILED, CLEARED),
            FAILED, EnumSet.of(FAILED, CLEARED),
            CLEARED, EnumSet.of(CLEARED));

    @Test
    void everyLegalTransitionIsAcceptedAndEveryOtherRejected() {
        int legal = 0;
        int illegal = 0;
        for (LegState from : LegState.values()) {
            for (LegState to : LegState.values()) {
                if (LEGAL.get(from).contains(to)) {
                    assertTrue(from.canMoveTo(to), from + " -> " + to + " should be legal");
                    assertEquals(to, from.moveTo(to, "c1", "l1"));
                    legal++;
                } else {
                    assertFalse(from.canMoveTo(to), from + " -> " + to + " should be illegal");
                    IllegalLegTransitionException e = assertThrows(IllegalLegTransitionException.class,
                            () -> from.moveTo(to, "c1", "l1"));
                    assertEquals("c1", e.callId());
                    assertEquals("l1", e.legId());
                    assertEquals(from, e.from());
                    assertEquals(to, e.to());
                    assertEquals("call c1 leg l1: illegal transition " + from + " -> " + to, e.getMessage());
                    illegal++;
                }
            }
        }
        assertEquals(64, legal + illegal);
        assertEquals(32, legal);
    }

    @Test
    void onlyFailedAndClearedAreTerminal() {
        for (LegState state : LegState.values()) {
            assertEquals(state == FAILED || state == CLEARED, state.isTerminal(), state.name());
        }
    }
}

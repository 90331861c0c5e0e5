package io.callwire.adapter.csta;

import java.util.function.IntPredicate;

/**
 * Hands out request invoke ids 0001..9998 in turn, wrapping after 9998 and skipping ids still in use.
 * 0000 is never used and 9999 is left to the switch's events. Not thread-safe: owned by the connection's
 * event loop.
 */
final class InvokeIds {
    static final int FIRST = 1;
    static final int LAST = 9998;
    private int next = FIRST;

    /**
     * The next free id.
     *
     * @param inUse ids still waiting for a response
     * @throws IllegalStateException when all 9998 ids wait for responses
     */
    int next(IntPredicate inUse) {
        for (int tries = 0; tries < LAST; tries++) {
            int id = next;
            next = next == LAST ? FIRST : next + 1;
            if (!inUse.test(id)) {
                return id;
            }
        }
        throw new IllegalStateException("all " + LAST + " invoke ids wait for responses");
    }
}

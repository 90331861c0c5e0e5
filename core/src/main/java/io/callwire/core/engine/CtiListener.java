package io.callwire.core.engine;

import io.callwire.core.event.CtiEvent;

/**
 * Receives normalized events in ring order on its own thread. An exception thrown here is logged and
 * counted; the listener keeps receiving.
 */
@FunctionalInterface
public interface CtiListener {
    void onEvent(CtiEvent event);
}

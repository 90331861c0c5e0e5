package io.callwire.recorder;

import io.callwire.core.event.CtiEvent;

/**
 * A switch event (or a routing decision published into the ring) as the journal recorded it: with its ring
 * sequence and the switch's native call id, before the call tracker resolved it.
 */
public record EventEntry(long index, CtiEvent event) implements JournalEntry {
}

package io.callwire.recorder;

import io.callwire.core.event.CtiEvent;

/**
 * An event the engine derived from the entry before it — a routing decision (AgentReserved, TaskAssigned,
 * ...) or a derived CallEnded — as the journal recorded it for audit. Replays recompute decisions and skip
 * these entries; they show what the engine decided at the time.
 */
public record DecisionEntry(long index, CtiEvent decision) implements JournalEntry {
}

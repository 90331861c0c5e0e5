package io.callwire.recorder;

/**
 * One entry read back from the journal, in journal order.
 * {@link #index()} is the Chronicle Queue index: unique and increasing across the whole journal.
 */
public sealed interface JournalEntry permits EventEntry, CommandEntry, SessionEntry, DecisionEntry {
    /** Chronicle Queue index of the entry (cycle and position within the cycle). */
    long index();
}

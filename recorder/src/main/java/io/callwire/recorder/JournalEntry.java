package io.callwire.recorder;

/**
 * One entry read back from the journal, in journal order.
 * {@link #index()} is the Chronicle Queue index of the document holding the entry: a document holds the
 * entries of one ring batch, so entries recorded together share it; it never decreases along the journal.
 */
public sealed interface JournalEntry permits EventEntry, CommandEntry, SessionEntry, DecisionEntry {
    /** Chronicle Queue index of the entry's document (cycle and position within the cycle). */
    long index();
}

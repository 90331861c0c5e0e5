package io.callwire.recorder;

/**
 * Written once each time a journal is opened for writing. Ring sequences restart at 0 with every engine, so
 * a ring sequence is unique only within a session; this marker separates the sessions.
 *
 * @param startedAt     wall-clock time the session opened (epoch ms)
 * @param formatVersion wire format version the session writes
 */
public record SessionEntry(long index, long startedAt, int formatVersion) implements JournalEntry {
}

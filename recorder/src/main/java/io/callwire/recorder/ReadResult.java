package io.callwire.recorder;

import java.util.Optional;

/**
 * How a read of the journal ended.
 *
 * @param entries       entries read correctly (before filtering)
 * @param delivered     entries that passed the filter and were handed over
 * @param lastGoodIndex Chronicle index of the document holding the last entry read correctly, -1 when none
 * @param corruption    the problem that stopped the read early, empty when the whole journal was read
 */
public record ReadResult(long entries, long delivered, long lastGoodIndex, Optional<JournalCorruptedException> corruption) {
    /** Whether the whole journal was read. */
    public boolean complete() {
        return corruption.isEmpty();
    }
}

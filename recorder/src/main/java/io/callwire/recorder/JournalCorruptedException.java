package io.callwire.recorder;

import java.nio.file.Path;

/**
 * A journal file holds an entry that cannot be read (bad checksum, truncated, unknown format). Everything up to
 * {@link #lastGoodIndex()} was read correctly and can be replayed.
 */
public final class JournalCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long lastGoodIndex;

    public JournalCorruptedException(Path file, long lastGoodIndex, String problem, Throwable cause) {
        super("journal file " + file + " is corrupt after index " + indexText(lastGoodIndex) + ": " + problem, cause);
        this.file = file;
        this.lastGoodIndex = lastGoodIndex;
    }

    private static String indexText(long index) {
        return index < 0 ? "(none: no good entry)" : index + " (0x" + Long.toHexString(index) + ")";
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Chronicle index of the document holding the last entry read correctly, -1 when none was. */
    public long lastGoodIndex() {
        return lastGoodIndex;
    }
}

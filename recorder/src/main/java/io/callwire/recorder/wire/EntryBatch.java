package io.callwire.recorder.wire;

/**
 * The entries of one ring batch framed into one Chronicle document, so a busy engine pays Chronicle's
 * per-document cost (header, index, position) once per batch instead of once per entry. A document is
 * <pre>
 *   2:u8  ( length:varint  entry )*
 * </pre>
 * with each entry as {@link EntryCodec} writes it (its own version byte and checksum). A document whose first
 * byte is 1 holds exactly one entry and nothing else: journals written before batching, read unchanged.
 * Writing and reading use separate instances; neither is thread-safe.
 */
public final class EntryBatch {
    /**
     * First byte of a document that is a single entry: the version byte of the entries journals wrote before
     * batching, which were all version 1. Fixed, so that a later entry format version cannot take it over.
     */
    static final int SINGLE = 1;
    /** First byte of a document holding a batch of length-prefixed entries. */
    static final int BATCH = 2;

    private final WireBuffer frame;
    private int entries;

    /** A batch with room for {@code capacity} bytes before it grows. */
    public EntryBatch(int capacity) {
        this.frame = new WireBuffer(capacity);
    }

    // ---- writing -----------------------------------------------------------------------------------------

    /** Appends one encoded entry. */
    public void add(WireBuffer entry) {
        if (entries == 0) {
            frame.clear();
            frame.putByte(BATCH);
        }
        frame.putVarLong(entry.length());
        frame.putBytes(entry.array(), 0, entry.length());
        entries++;
    }

    /** Entries added since the last {@link #clear()}. */
    public int entries() {
        return entries;
    }

    /** The document's bytes, valid up to {@link #length()}. */
    public byte[] array() {
        return frame.array();
    }

    /** The document's length in bytes. */
    public int length() {
        return entries == 0 ? 0 : frame.length();
    }

    /** Empties the batch after its document was written. */
    public void clear() {
        entries = 0;
        frame.clear();
    }

    // ---- reading -----------------------------------------------------------------------------------------

    /** Room for a document of {@code len} bytes to be read into, from index 0; then call {@link #next}. */
    public byte[] prepareRead(int len) {
        entries = 0;
        return frame.prepareRead(len);
    }

    /**
     * Copies the document's next entry into {@code entry}.
     *
     * @return false when the document has no more entries
     * @throws WireFormatException when the document's framing is broken
     */
    public boolean next(WireBuffer entry) {
        if (entries++ == 0) {
            int kind = frame.length() == 0 ? -1 : frame.array()[0] & 0xFF;
            if (kind == SINGLE) {
                entry.wrap(frame.array(), 0, frame.length());
                frame.skip(frame.length());
                return true;
            }
            if (kind != BATCH) {
                throw new WireFormatException("unknown document kind " + kind);
            }
            frame.skip(1);
        }
        if (frame.position() == frame.length()) {
            return false;
        }
        long len = frame.getVarLong();
        if (len > frame.length() - frame.position()) {
            throw new WireFormatException("entry of " + len + " bytes runs past the document end at byte "
                    + frame.position());
        }
        entry.wrap(frame.array(), frame.position(), (int) len);
        frame.skip((int) len);
        return true;
    }
}

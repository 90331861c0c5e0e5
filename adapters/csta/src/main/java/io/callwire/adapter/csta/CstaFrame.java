package io.callwire.adapter.csta;

import java.util.Objects;

/**
 * One message on the wire: the invoke id of the 8-byte header and the XML body. Requests carry an id of
 * their own, responses echo it, and unsolicited events carry {@link #EVENT_INVOKE_ID}.
 *
 * @param invokeId 0..9999, the 4 ASCII digits of the header
 * @param xml      the ECMA-323 XML document, UTF-8 on the wire
 */
record CstaFrame(int invokeId, String xml) {
    /** Length of the header: 2 bytes version, 2 bytes total length, 4 ASCII digits invoke id. */
    static final int HEADER_LENGTH = 8;
    /** The only header version defined. */
    static final int VERSION = 0;
    /** Largest total length the 16-bit length field can state (the 64 KB limit). */
    static final int MAX_FRAME_LENGTH = 0xFFFF;
    /** Invoke id switches put on events (Avaya AES DMCC uses 9999). */
    static final int EVENT_INVOKE_ID = 9999;

    CstaFrame {
        if (invokeId < 0 || invokeId > 9999) {
            throw new IllegalArgumentException("invoke id must be 0..9999, got " + invokeId);
        }
        Objects.requireNonNull(xml, "xml");
    }
}

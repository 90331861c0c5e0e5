package io.callwire.adapter.csta;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The byte stream from the switch broke the framing rules (a length below 8 or above the limit, a version other
 * than 0, an invoke id that is not 4 ASCII digits, a frame cut off by the end of the stream or left incomplete).
 * Framing cannot be recovered within the stream: the connection is dropped and re-established with a resync.
 */
final class CstaFramingException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    CstaFramingException(String message) {
        super(message);
    }
}

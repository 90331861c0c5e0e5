package io.callwire.recorder.wire;

/** A journal entry's bytes do not follow the wire format (bad version, type, checksum or length). */
public final class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.callwire.adapter.csta;

/**
 * A message body from the switch is not well-formed XML (or uses a DTD, which is refused). The frame around it
 * was intact, so the stream goes on; the adapter reports the message as a RawEvent and resynchronizes.
 */
final class CstaXmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CstaXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}

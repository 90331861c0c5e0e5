package io.callwire.adapter.csta;

/**
 * The switch answered a request with a CSTA error ({@code CSTAErrorCode}) or a negative session response.
 *
 * @see #reason()
 */
final class CstaErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    CstaErrorException(String request, String reason) {
        super(request + " refused by the switch: " + reason);
        this.reason = reason;
    }

    /** The switch's words, e.g. {@code operation: invalidConnectionID}. */
    String reason() {
        return reason;
    }
}

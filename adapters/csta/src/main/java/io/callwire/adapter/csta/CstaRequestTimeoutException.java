package io.callwire.adapter.csta;

/** The switch sent no response to a request within the request timeout. */
final class CstaRequestTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CstaRequestTimeoutException(String request, int invokeId, long timeoutMillis) {
        super(request + " (invoke id " + invokeId + ") got no response within " + timeoutMillis + " ms");
    }
}

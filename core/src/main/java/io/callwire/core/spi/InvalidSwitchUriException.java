package io.callwire.core.spi;

/** A switch URI that cannot be parsed or carries a bad parameter. The message never contains the secret. */
public final class InvalidSwitchUriException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSwitchUriException(String message) {
        super(message);
    }
}

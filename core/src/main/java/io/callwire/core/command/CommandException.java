package io.callwire.core.command;

/**
 * Why a command failed. Each subtype is one reason a caller can act on; the message says it in words.
 */
public abstract sealed class CommandException extends RuntimeException permits
        UnsupportedCommandException, UnknownCallException, UnknownLegException, SwitchRejectedException,
        LinkDownException, CommandTimeoutException, NoSwitchException, TaskRefusedException {
    private static final long serialVersionUID = 1L;

    CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}

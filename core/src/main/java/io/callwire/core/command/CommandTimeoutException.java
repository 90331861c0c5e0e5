package io.callwire.core.command;

/** The switch did not answer within the command timeout. */
public final class CommandTimeoutException extends CommandException {
    private static final long serialVersionUID = 1L;

    public CommandTimeoutException(String commandType, java.time.Duration timeout) {
        super(commandType + " got no answer within " + timeout.toMillis() + " ms", null);
    }
}

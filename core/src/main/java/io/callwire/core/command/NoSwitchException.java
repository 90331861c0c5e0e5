package io.callwire.core.command;

/** The command names no switch and the engine cannot pick one (none, several, or an unknown id). */
public final class NoSwitchException extends CommandException {
    private static final long serialVersionUID = 1L;

    public NoSwitchException(String message) {
        super(message, null);
    }
}

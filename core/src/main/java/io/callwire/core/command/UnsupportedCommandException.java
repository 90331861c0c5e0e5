package io.callwire.core.command;

/** The switch behind the command cannot carry it out (e.g. whisper on a switch without it). */
public final class UnsupportedCommandException extends CommandException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCommandException(String commandType, String switchId) {
        super(commandType + " is not supported by switch " + switchId, null);
    }
}

package io.callwire.core.command;

/** The command names a leg that is not part of the call. */
public final class UnknownLegException extends CommandException {
    private static final long serialVersionUID = 1L;

    public UnknownLegException(String callId, String legId) {
        super("unknown leg " + legId + " in call " + callId, null);
    }
}

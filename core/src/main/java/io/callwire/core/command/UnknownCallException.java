package io.callwire.core.command;

/** The command names a call the engine does not know (never seen or already ended). */
public final class UnknownCallException extends CommandException {
    private static final long serialVersionUID = 1L;

    private final String callId;

    public UnknownCallException(String callId) {
        super("unknown call " + callId, null);
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }
}

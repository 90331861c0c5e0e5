package io.callwire.core.command;

/** The switch refused the command; the message carries its reason. */
public final class SwitchRejectedException extends CommandException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public SwitchRejectedException(String switchId, String reason) {
        super("switch " + switchId + " rejected the command: " + reason, null);
        this.reason = reason;
    }

    /** The switch's own reason text. */
    public String reason() {
        return reason;
    }
}

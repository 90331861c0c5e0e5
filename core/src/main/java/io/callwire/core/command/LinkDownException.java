package io.callwire.core.command;

/** The connection to the switch is down; the command was not sent. */
public final class LinkDownException extends CommandException {
    private static final long serialVersionUID = 1L;

    public LinkDownException(String switchId) {
        super("link to switch " + switchId + " is down", null);
    }
}

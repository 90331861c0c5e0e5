package io.callwire.core.command;

/** The command names a task or reservation the routing engine does not know or that is no longer current. */
public final class UnknownTaskException extends CommandException {
    private static final long serialVersionUID = 1L;

    public UnknownTaskException(String what) {
        super(what, null);
    }
}

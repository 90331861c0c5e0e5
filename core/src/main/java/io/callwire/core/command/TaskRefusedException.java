package io.callwire.core.command;

/**
 * The routing engine refused a task command: the task or reservation is unknown or no longer current, the
 * queue is not routed by the library, or the task id is taken. The message says which.
 */
public final class TaskRefusedException extends CommandException {
    private static final long serialVersionUID = 1L;

    public TaskRefusedException(String what) {
        super(what, null);
    }
}

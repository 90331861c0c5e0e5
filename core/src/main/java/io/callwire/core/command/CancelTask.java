package io.callwire.core.command;

/** Withdraws a task that is waiting or offered (the customer no longer needs it). */
public record CancelTask(String taskId, String reason) implements TaskCommand {
    public CancelTask {
        Require.id(taskId, "taskId");
        reason = Require.orEmpty(reason);
    }
}

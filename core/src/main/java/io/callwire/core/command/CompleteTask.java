package io.callwire.core.command;

/** The agent finished an assigned task that is not a call (chat closed, e-mail sent, work item done). */
public record CompleteTask(String taskId) implements TaskCommand {
    public CompleteTask {
        Require.id(taskId, "taskId");
    }
}

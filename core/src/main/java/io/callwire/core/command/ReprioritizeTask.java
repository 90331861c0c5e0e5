package io.callwire.core.command;

/** Sets a waiting task's base priority; it takes its new place in line at once. */
public record ReprioritizeTask(String taskId, int priority) implements TaskCommand {
    public ReprioritizeTask {
        Require.id(taskId, "taskId");
    }
}

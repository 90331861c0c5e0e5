package io.callwire.core.command;

/**
 * The reserved agent declines the offer; the task goes back to the head of its queue. Fenced by the
 * reservation id like {@link AcceptTask}; rejecting twice is a no-op the second time.
 */
public record RejectTask(String reservationId, String reason) implements TaskCommand {
    public RejectTask {
        Require.id(reservationId, "reservationId");
        reason = Require.orEmpty(reason);
    }
}

package io.callwire.core.command;

/**
 * The reserved agent takes the offer. Fenced by the reservation id: accepting a reservation that is no longer
 * current fails with {@link TaskRefusedException}; accepting the current one twice succeeds once and is a
 * no-op the second time. For a queued call, accepting answers the ringing leg.
 */
public record AcceptTask(String reservationId) implements TaskCommand {
    public AcceptTask {
        Require.id(reservationId, "reservationId");
    }
}

package io.callwire.core.command;

/** Send the call on to {@code destination} without consulting; {@code legId} is the transferring party. */
public record BlindTransfer(String callId, String legId, String destination) implements CallCommand {
    public BlindTransfer {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);
        Require.id(destination, "destination");
    }
}

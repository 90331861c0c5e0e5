package io.callwire.core.command;

/** Complete a consultative transfer: join the held call {@code callId} with the consultation call and drop the transferring party. */
public record CompleteTransfer(String callId, String consultCallId) implements CallCommand {
    public CompleteTransfer {
        Require.id(callId, "callId");
        Require.id(consultCallId, "consultCallId");
    }
}

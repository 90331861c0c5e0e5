package io.callwire.core.command;

/** Cancel a consultation: clear the consultation call and retrieve the held call. */
public record CancelConsult(String callId, String consultCallId) implements CallCommand {
    public CancelConsult {
        Require.id(callId, "callId");
        Require.id(consultCallId, "consultCallId");
    }
}

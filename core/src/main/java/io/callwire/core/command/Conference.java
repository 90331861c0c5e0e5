package io.callwire.core.command;

/** Join the held call and the consultation call into one conference. */
public record Conference(String callId, String consultCallId) implements CallCommand {
    public Conference {
        Require.id(callId, "callId");
        Require.id(consultCallId, "consultCallId");
    }
}

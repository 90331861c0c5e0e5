package io.callwire.core.command;

/** Hold the call and place a consultation call from the same party to {@code destination}; the result names the new consultation call. */
public record Consult(String callId, String legId, String destination) implements CallCommand {
    public Consult {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);
        Require.id(destination, "destination");
    }
}

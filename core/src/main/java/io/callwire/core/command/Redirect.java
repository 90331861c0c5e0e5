package io.callwire.core.command;

/** Move an alerting or queued call to {@code destination} (deflect). */
public record Redirect(String callId, String legId, String destination) implements CallCommand {
    public Redirect {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);
        Require.id(destination, "destination");
    }
}

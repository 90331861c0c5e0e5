package io.callwire.core.command;

/** Clear one leg, or the whole call when {@code legId} is empty. */
public record HangUp(String callId, String legId) implements CallCommand {
    public HangUp {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);

    }
}

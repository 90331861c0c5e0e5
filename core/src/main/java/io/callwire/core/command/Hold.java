package io.callwire.core.command;

/** Put a connected leg on hold. */
public record Hold(String callId, String legId) implements CallCommand {
    public Hold {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);

    }
}

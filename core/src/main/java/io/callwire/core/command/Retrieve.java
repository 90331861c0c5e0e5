package io.callwire.core.command;

/** Take a held leg off hold. */
public record Retrieve(String callId, String legId) implements CallCommand {
    public Retrieve {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);

    }
}

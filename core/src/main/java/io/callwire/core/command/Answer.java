package io.callwire.core.command;

/** Answer the alerting leg (the agent's station, when the switch can answer remotely). */
public record Answer(String callId, String legId) implements CallCommand {
    public Answer {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);

    }
}

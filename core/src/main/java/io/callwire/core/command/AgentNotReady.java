package io.callwire.core.command;

/** Make the agent unavailable with a reason code (break, meeting, ...). */
public record AgentNotReady(String agentId, String reason) implements AgentCommand {
    public AgentNotReady {
        Require.id(agentId, "agentId");
        reason = Require.orEmpty(reason);
    }
}

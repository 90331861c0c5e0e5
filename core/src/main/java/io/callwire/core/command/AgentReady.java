package io.callwire.core.command;

/** Make the agent available for work. */
public record AgentReady(String agentId) implements AgentCommand {
    public AgentReady {
        Require.id(agentId, "agentId");
    }
}

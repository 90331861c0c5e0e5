package io.callwire.core.command;

/** Log the agent out of every queue. */
public record AgentLogout(String agentId) implements AgentCommand {
    public AgentLogout {
        Require.id(agentId, "agentId");
    }
}

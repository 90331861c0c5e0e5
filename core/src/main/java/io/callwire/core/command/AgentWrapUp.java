package io.callwire.core.command;

/** Put the agent into after-call work with a reason code. */
public record AgentWrapUp(String agentId, String reason) implements AgentCommand {
    public AgentWrapUp {
        Require.id(agentId, "agentId");
        reason = Require.orEmpty(reason);
    }
}

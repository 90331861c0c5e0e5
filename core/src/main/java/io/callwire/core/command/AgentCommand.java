package io.callwire.core.command;

/** A command on an agent's work state. */
public sealed interface AgentCommand extends CtiCommand permits
        AgentLogin, AgentLogout, AgentReady, AgentNotReady, AgentWrapUp {

    /** Agent the command acts on. */
    String agentId();
}

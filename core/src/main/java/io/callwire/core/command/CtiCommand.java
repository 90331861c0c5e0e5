package io.callwire.core.command;

/**
 * A request to a switch. Commands travel through the engine's ring to the single writer, which checks
 * them against the call model and hands them to the adapter of the switch that owns the call or agent.
 */
public sealed interface CtiCommand permits CallCommand, AgentCommand, MakeCall, TaskCommand {
}

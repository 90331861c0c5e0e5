package io.callwire.core.model;

/**
 * Immutable view of one agent as the switch or the router reports it.
 *
 * @param id       agent id
 * @param switchId switch the agent is logged in on
 * @param deviceId station the agent works at, empty when logged out
 * @param state    work state
 * @param reason   reason code for NOT_READY or WRAP_UP, empty otherwise
 * @param since    switch time (epoch ms) the agent entered this state
 */
public record Agent(String id, String switchId, String deviceId, AgentState state, String reason, long since) {
}

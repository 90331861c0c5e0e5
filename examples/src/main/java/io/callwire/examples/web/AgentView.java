package io.callwire.examples.web;

import io.callwire.core.model.AgentState;

/**
 * An agent as the wallboard shows it.
 *
 * @param since engine time (epoch ms) the agent entered this state
 */
public record AgentView(String id, String station, AgentState state, String reason, long since) {
}

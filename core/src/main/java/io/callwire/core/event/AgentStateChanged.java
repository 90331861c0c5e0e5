package io.callwire.core.event;

import io.callwire.core.model.AgentState;

/** An agent changed work state; the envelope's device is the agent's station. */
public record AgentStateChanged(Envelope envelope, String agentId, AgentState state, String reason) implements CtiEvent {
    @Override
    public AgentStateChanged withEnvelope(Envelope e) {
        return new AgentStateChanged(e, agentId, state, reason);
    }
}

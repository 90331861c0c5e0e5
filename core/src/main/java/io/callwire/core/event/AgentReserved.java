package io.callwire.core.event;

/** Routing: an agent was reserved for a task, awaiting accept or reject. */
public record AgentReserved(Envelope envelope, String taskId, String agentId, String reservationId) implements CtiEvent {
    @Override
    public AgentReserved withEnvelope(Envelope e) {
        return new AgentReserved(e, taskId, agentId, reservationId);
    }
}

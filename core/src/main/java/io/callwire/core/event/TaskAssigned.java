package io.callwire.core.event;

/** Routing: the reserved agent accepted and the task is assigned. */
public record TaskAssigned(Envelope envelope, String taskId, String agentId, String reservationId) implements CtiEvent {
    @Override
    public TaskAssigned withEnvelope(Envelope e) {
        return new TaskAssigned(e, taskId, agentId, reservationId);
    }
}

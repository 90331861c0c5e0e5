package io.callwire.core.event;

/** Routing: the agent rejected the offer; the task returns to the head of its queue. */
public record ReservationRejected(Envelope envelope, String taskId, String agentId, String reservationId, String reason) implements CtiEvent {
    @Override
    public ReservationRejected withEnvelope(Envelope e) {
        return new ReservationRejected(e, taskId, agentId, reservationId, reason);
    }
}

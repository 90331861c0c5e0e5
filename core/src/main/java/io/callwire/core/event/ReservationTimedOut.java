package io.callwire.core.event;

/** Routing: the offer was not answered in time; the task returns to the head of its queue. */
public record ReservationTimedOut(Envelope envelope, String taskId, String agentId, String reservationId) implements CtiEvent {
    @Override
    public ReservationTimedOut withEnvelope(Envelope e) {
        return new ReservationTimedOut(e, taskId, agentId, reservationId);
    }
}

package io.callwire.examples.crm;

/**
 * A work order (ticket).
 *
 * @param status      {@code OPEN}, {@code ESCALATED} (deadline passed) or {@code CLOSED}
 * @param callId      the call it came from, empty when none
 * @param escalatedAt engine time it was escalated, 0 when not
 * @param closedAt    engine time it was closed, 0 when open
 */
public record WorkOrder(long id, String callId, String phone, Category category, Priority priority, String status,
                        String notes, String agentId, long createdAt, long deadlineAt, long escalatedAt, long closedAt) {
    @Override
    public String toString() {
        return "WorkOrder[" + id + ", " + category + ", " + status + "]";
    }
}

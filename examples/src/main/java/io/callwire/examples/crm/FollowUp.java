package io.callwire.examples.crm;

/**
 * A follow-up call task: a customer is called back some days after their complaint was closed.
 *
 * @param status {@code PENDING}, {@code DIALLING} (being handed to the ACD), {@code QUEUED} (an ACD task waits
 *               for an agent; {@code taskId} names it), {@code ASSIGNED} (an agent accepted and the call
 *               connected), {@code DONE} or {@code FAILED} ({@code detail} says why)
 * @param taskId the routing task's id once queued, else empty
 */
public record FollowUp(long id, long workOrderId, String phone, long dueAt, String status, String taskId, String detail) {
    /** Task ids of follow-ups start with this, so events about them are told apart from queued calls. */
    public static final String TASK_PREFIX = "follow-up-";

    /** The routing task id this follow-up is queued under. */
    public String routingTaskId() {
        return TASK_PREFIX + id;
    }

    @Override
    public String toString() {
        return "FollowUp[" + id + ", order " + workOrderId + ", " + status + "]";
    }
}

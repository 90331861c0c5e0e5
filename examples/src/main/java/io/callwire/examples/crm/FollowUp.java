package io.callwire.examples.crm;

/**
 * A follow-up call task: a customer is called back some days after their complaint was closed.
 *
 * @param status {@code PENDING}, {@code QUEUED} (handed to the ACD; {@code callId} names the call) or {@code FAILED}
 */
public record FollowUp(long id, long workOrderId, String phone, long dueAt, String status, String callId, String detail) {
    @Override
    public String toString() {
        return "FollowUp[" + id + ", order " + workOrderId + ", " + status + "]";
    }
}

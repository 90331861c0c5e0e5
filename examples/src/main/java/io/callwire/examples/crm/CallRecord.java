package io.callwire.examples.crm;

/**
 * One finished inbound call as the CRM remembers it.
 *
 * @param outcome {@code answered} or {@code abandoned}
 */
public record CallRecord(String callId, String phone, String queueId, String agentId, String ivrChoice,
                         long startedAt, long answeredAt, long endedAt, String outcome) {
    @Override
    public String toString() {
        return "CallRecord[" + callId + ", " + outcome + "]";
    }
}

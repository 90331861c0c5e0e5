package io.callwire.routing;

/**
 * Where a waiting task stands, e.g. for an IVR announcement ("you are number 3, about 2 minutes").
 *
 * @param taskId              task
 * @param queueId             queue it waits in
 * @param position            1 = served next among the tasks of its queue and channel
 * @param estimatedWaitMillis position times AHT over the agents staffing the queue; -1 while unknown
 */
public record WaitEstimate(String taskId, String queueId, int position, long estimatedWaitMillis) {
}

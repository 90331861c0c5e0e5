package io.callwire.routing;

/**
 * Statistics of one library-routed queue at one moment, as the router last published them.
 *
 * @param queueId              queue
 * @param waiting              tasks waiting now (not yet offered)
 * @param oldestWaitingSince   engine time (epoch ms) the oldest waiting task joined, 0 when none waits
 * @param offered              tasks that entered the queue
 * @param answered             tasks assigned to an agent
 * @param abandoned            tasks whose caller hung up before an agent answered
 * @param answeredInTime       tasks answered within the queue's service-level time
 * @param totalAnswerWaitMillis summed wait of answered tasks (for ASA)
 * @param at                   engine time (epoch ms) of the event that last changed these figures
 */
public record QueueStatistics(String queueId, int waiting, long oldestWaitingSince, long offered, long answered,
                              long abandoned, long answeredInTime, long totalAnswerWaitMillis, long at) {

    /** How long the oldest waiting task has waited at time {@code now} (epoch ms); 0 when none waits. */
    public long longestWaitMillis(long now) {
        return waiting == 0 ? 0 : Math.max(0, now - oldestWaitingSince);
    }

    /** Service level in percent: answered within the target time out of all answered or abandoned; 100 when none. */
    public double serviceLevelPercent() {
        long ended = answered + abandoned;
        return ended == 0 ? 100.0 : 100.0 * answeredInTime / ended;
    }

    /** Average speed of answer in milliseconds; 0 when nothing was answered. */
    public long averageSpeedOfAnswerMillis() {
        return answered == 0 ? 0 : totalAnswerWaitMillis / answered;
    }

    /** Abandoned out of all answered or abandoned, in percent; 0 when none. */
    public double abandonRatePercent() {
        long ended = answered + abandoned;
        return ended == 0 ? 0.0 : 100.0 * abandoned / ended;
    }
}

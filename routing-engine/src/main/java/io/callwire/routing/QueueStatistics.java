package io.callwire.routing;

import io.callwire.core.model.AgentState;

import java.util.Arrays;
import java.util.Objects;

/**
 * Statistics of one library-routed queue at one moment, as the router last published them.
 *
 * @param queueId               queue
 * @param waiting               tasks waiting now (not yet offered)
 * @param oldestWaitingSince    engine time (epoch ms) the oldest waiting task joined, 0 when none waits
 * @param offered               tasks that entered the queue (overflows from other queues included)
 * @param answered              tasks assigned to an agent
 * @param abandoned             tasks whose caller hung up before an agent answered
 * @param overflowed            tasks that left at a limit (to another queue or destination)
 * @param answeredInTime        tasks answered within the queue's service-level time
 * @param totalAnswerWaitMillis summed wait of answered tasks (for ASA)
 * @param handled               answered tasks whose talk and wrap-up ended
 * @param totalHandleMillis     their summed talk and wrap-up time (for AHT)
 * @param agentsByState         agents who work the queue, counted by {@link AgentState} ordinal
 * @param at                    engine time (epoch ms) of the event that last changed these figures
 */
public record QueueStatistics(String queueId, int waiting, long oldestWaitingSince, long offered, long answered,
                              long abandoned, long overflowed, long answeredInTime, long totalAnswerWaitMillis,
                              long handled, long totalHandleMillis, int[] agentsByState, long at) {

    /**
     * The figures since an earlier snapshot of the same queue (e.g. taken at midnight or at the start of a
     * shift): counts and sums minus the earlier ones; waiting tasks, agents and time as now.
     */
    public QueueStatistics since(QueueStatistics start) {
        if (!start.queueId.equals(queueId)) {
            throw new IllegalArgumentException("statistics of queue " + start.queueId + ", not " + queueId);
        }
        return new QueueStatistics(queueId, waiting, oldestWaitingSince, offered - start.offered,
                answered - start.answered, abandoned - start.abandoned, overflowed - start.overflowed,
                answeredInTime - start.answeredInTime, totalAnswerWaitMillis - start.totalAnswerWaitMillis,
                handled - start.handled, totalHandleMillis - start.totalHandleMillis, agentsByState, at);
    }

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

    /** Average handle time (talk plus wrap-up) in milliseconds; 0 before the first handled task. */
    public long averageHandleMillis() {
        return handled == 0 ? 0 : totalHandleMillis / handled;
    }

    /** Abandoned out of all answered or abandoned, in percent; 0 when none. */
    public double abandonRatePercent() {
        long ended = answered + abandoned;
        return ended == 0 ? 0.0 : 100.0 * abandoned / ended;
    }

    /** Agents of the queue in this state. */
    public int agents(AgentState state) {
        return agentsByState[state.ordinal()];
    }

    /**
     * Estimated wait in ms of a task at {@code position} (1 = next) in the line: position times AHT, spread
     * over the agents working the queue (ready, reserved, busy or in wrap-up). -1 while there is no AHT yet
     * or no agent works the queue.
     */
    public long estimatedWaitMillis(int position) {
        int staffed = agents(AgentState.READY) + agents(AgentState.RESERVED) + agents(AgentState.BUSY)
                + agents(AgentState.WRAP_UP);
        if (staffed == 0 || handled == 0) {
            return -1;
        }
        return (long) position * averageHandleMillis() / staffed;
    }

    /** Records compare arrays by identity; statistics compare by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof QueueStatistics q && queueId.equals(q.queueId) && waiting == q.waiting
                && oldestWaitingSince == q.oldestWaitingSince && offered == q.offered && answered == q.answered
                && abandoned == q.abandoned && overflowed == q.overflowed && answeredInTime == q.answeredInTime
                && totalAnswerWaitMillis == q.totalAnswerWaitMillis && handled == q.handled
                && totalHandleMillis == q.totalHandleMillis && Arrays.equals(agentsByState, q.agentsByState) && at == q.at;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queueId, waiting, offered, answered, abandoned, overflowed, handled, at,
                Arrays.hashCode(agentsByState));
    }

    @Override
    public String toString() {
        return "QueueStatistics[queueId=" + queueId + ", waiting=" + waiting + ", oldestWaitingSince="
                + oldestWaitingSince + ", offered=" + offered + ", answered=" + answered + ", abandoned=" + abandoned
                + ", overflowed=" + overflowed + ", answeredInTime=" + answeredInTime + ", totalAnswerWaitMillis="
                + totalAnswerWaitMillis + ", handled=" + handled + ", totalHandleMillis=" + totalHandleMillis
                + ", agentsByState=" + Arrays.toString(agentsByState) + ", at=" + at + "]";
    }
}

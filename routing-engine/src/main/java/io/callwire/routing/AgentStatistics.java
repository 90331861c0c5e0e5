package io.callwire.routing;

import io.callwire.core.model.AgentState;

import java.util.Arrays;
import java.util.Objects;

/**
 * Figures of one agent as the router last published them (on every change of the agent's state or work).
 *
 * @param agentId         agent
 * @param state           state the router shows (RESERVED while an offer rings, else the switch's)
 * @param reason          reason code of NOT_READY or WRAP_UP, else empty
 * @param stateSince      engine time (epoch ms) the agent entered {@code state}
 * @param tasksHandled    tasks assigned to the agent
 * @param talkMillis      summed time from assignment to the end of the agent's part of the call
 * @param wrapUpMillis    summed time in wrap-up
 * @param millisInState   time spent in each {@link AgentState}, indexed by ordinal, up to {@code stateSince}
 * @param at              engine time (epoch ms) of publication
 */
public record AgentStatistics(String agentId, AgentState state, String reason, long stateSince, long tasksHandled,
                              long talkMillis, long wrapUpMillis, long[] millisInState, long at) {
    private static final AgentState[] STATES = AgentState.values();

    /** Average handle time (talk plus wrap-up) in ms; 0 before the first task. */
    public long averageHandleMillis() {
        return tasksHandled == 0 ? 0 : (talkMillis + wrapUpMillis) / tasksHandled;
    }

    /** Time in the current state at engine time {@code now}. */
    public long timeInStateMillis(long now) {
        return Math.max(0, now - stateSince);
    }

    /** Reserved, busy and wrap-up time over that plus ready time, 0..1, counted up to {@code now}. */
    public double occupancy(long now) {
        return occupancy(millisInState, state, timeInStateMillis(now));
    }

    static double occupancy(long[] millisIn, AgentState current, long inCurrent) {
        long occupied = 0;
        long working = 0;
        for (AgentState s : STATES) {
            long ms = millisIn[s.ordinal()] + (s == current ? inCurrent : 0);
            if (occupied(s)) {
                occupied += ms;
                working += ms;
            } else if (s == AgentState.READY) {
                working += ms;
            }
        }
        return working == 0 ? 0.0 : (double) occupied / working;
    }

    static boolean occupied(AgentState state) {
        return state == AgentState.RESERVED || state == AgentState.BUSY || state == AgentState.WRAP_UP;
    }

    /** Records compare arrays by identity; statistics compare by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AgentStatistics a && agentId.equals(a.agentId) && state == a.state
                && reason.equals(a.reason) && stateSince == a.stateSince && tasksHandled == a.tasksHandled
                && talkMillis == a.talkMillis && wrapUpMillis == a.wrapUpMillis
                && Arrays.equals(millisInState, a.millisInState) && at == a.at;
    }

    @Override
    public int hashCode() {
        return Objects.hash(agentId, state, stateSince, tasksHandled, at, Arrays.hashCode(millisInState));
    }

    @Override
    public String toString() {
        return "AgentStatistics[agentId=" + agentId + ", state=" + state + ", reason=" + reason + ", stateSince="
                + stateSince + ", tasksHandled=" + tasksHandled + ", talkMillis=" + talkMillis + ", wrapUpMillis="
                + wrapUpMillis + ", millisInState=" + Arrays.toString(millisInState) + ", at=" + at + "]";
    }
}

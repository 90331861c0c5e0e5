package io.callwire.routing;

import io.callwire.core.model.AgentState;

import java.util.Comparator;
import java.util.Map;

/** The router's live view of one agent and its running figures. Mutable; owned by the state thread. */
final class RoutedAgent implements AgentView {
    static final Comparator<RoutedAgent> BY_IDLE =
            Comparator.<RoutedAgent>comparingLong(a -> a.idleSince).thenComparingInt(a -> a.ordinal);
    private static final AgentState[] STATES = AgentState.values();

    final AgentProfile profile;
    final int ordinal;
    long idleSince;
    boolean available;
    /** The pool group of its signature (found once), and its neighbours there while available (intrusive). */
    AgentPool.Group group;
    RoutedAgent previous;
    RoutedAgent next;
    /** The state the switch last reported. */
    AgentState switchState = AgentState.LOGGED_OUT;
    String reason = "";
    Task reservedFor;
    /** Out of the pool after a failed offer until the switch next reports the agent's state. */
    boolean heldBack;
    /** Offers in a row the agent let ring out. */
    int missedOffers;
    /** When the router should end the agent's wrap-up (engine ms), 0 when it need not. */
    long wrapUpEndsAt;

    private AgentState shownState = AgentState.LOGGED_OUT;
    private long stateSince;
    private final long[] millisIn = new long[STATES.length];
    private long handled;
    private long talkMillis;
    private long wrapUpMillis;
    private volatile AgentStatistics published;

    RoutedAgent(AgentProfile profile, int ordinal) {
        this.profile = profile;
        this.ordinal = ordinal;
        this.published = new AgentStatistics(profile.id(), AgentState.LOGGED_OUT, "", 0, 0, 0, 0, new long[STATES.length], 0);
    }

    /**
     * The state the router shows: RESERVED while an offer is out, BUSY on an assigned task until the switch
     * says otherwise, else what the switch reported.
     */
    AgentState state() {
        if (reservedFor == null) {
            return switchState;
        }
        if (reservedFor.assignedAt == 0) {
            return AgentState.RESERVED;
        }
        return switchState == AgentState.READY ? AgentState.BUSY : switchState;
    }

    /** Accounts the time spent in the previous state up to {@code now} and moves to the current one. */
    void stateChanged(long now) {
        AgentState current = state();
        if (current == shownState) {
            return;
        }
        long spent = Math.max(0, now - stateSince);
        millisIn[shownState.ordinal()] += spent;
        if (shownState == AgentState.WRAP_UP) {
            wrapUpMillis += spent;
        }
        shownState = current;
        stateSince = now;
    }

    void handledTask(long talk) {
        handled++;
        talkMillis += talk;
    }

    void publish(long now) {
        published = new AgentStatistics(profile.id(), shownState, reason, stateSince, handled, talkMillis, wrapUpMillis,
                millisIn.clone(), now);
    }

    AgentStatistics published() {
        return published;
    }

    @Override
    public String id() {
        return profile.id();
    }

    @Override
    public Map<String, Integer> skills() {
        return profile.skills();
    }

    @Override
    public long idleSince() {
        return idleSince;
    }

    @Override
    public long tasksHandled() {
        return handled;
    }

    @Override
    public double occupancy(long now) {
        return AgentStatistics.occupancy(millisIn, shownState, Math.max(0, now - stateSince));
    }
}

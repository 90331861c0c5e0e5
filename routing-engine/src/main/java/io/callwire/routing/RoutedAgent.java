package io.callwire.routing;

import io.callwire.core.model.AgentState;
import io.callwire.core.model.Channel;

import java.util.Comparator;
import java.util.Map;

/** The router's live view of one agent and its running figures. Mutable; owned by the state thread. */
final class RoutedAgent implements AgentView {
    private static final AgentState[] STATES = AgentState.values();
    private static final int CHANNELS = Channel.values().length;

    /** Longest idle first on one channel, then configuration order. */
    static Comparator<RoutedAgent> byIdle(int channel) {
        return Comparator.<RoutedAgent>comparingLong(a -> a.since[channel]).thenComparingInt(a -> a.ordinal);
    }

    final AgentProfile profile;
    final int ordinal;
    /** Per channel: in that channel's pool, since when, its pool group (found once) and neighbours (intrusive). */
    final boolean[] available = new boolean[CHANNELS];
    final long[] since = new long[CHANNELS];
    final AgentPool.Group[] group = new AgentPool.Group[CHANNELS];
    final RoutedAgent[] previous = new RoutedAgent[CHANNELS];
    final RoutedAgent[] next = new RoutedAgent[CHANNELS];
    /**
     * Indexes of the queues the agent works (see {@link QueueState#index}), in configuration order; shared by the
     * agents of one skill signature and replaced, never changed in place.
     */
    int[] works = new int[0];
    /** Tasks offered or assigned, per channel. */
    final int[] load = new int[CHANNELS];
    /** Offers out (reserved, not yet taken) and tasks assigned. */
    int offers;
    int active;
    /** When the agent last had nothing to do (engine ms). */
    long idleSince;
    /** The state the switch last reported. */
    AgentState switchState = AgentState.LOGGED_OUT;
    String reason = "";
    /**
     * After a failed or unanswered offer the agent sits out until this engine time (the queue's offer timeout
     * later) or until the switch reports its state again, so a broken station is not offered work in a loop
     * and a busy person is not rung again at once; 0 when not held back.
     */
    long heldBackUntil;
    /** Offers in a row the agent let ring out. */
    int missedOffers;
    /** When the router should end the agent's wrap-up (engine ms), 0 when it need not. */
    long wrapUpEndsAt;

    /** The figures below are written by the state thread under this lock and copied by readers. */
    private final SeqLock lock = new SeqLock();
    private AgentState shownState = AgentState.LOGGED_OUT;
    private String shownReason = "";
    private long stateSince;
    private final long[] millisIn = new long[STATES.length];
    private long handled;
    private long talkMillis;
    private long wrapUpMillis;
    private long at;

    /** The profile's capacity as arrays by channel ordinal (read on every pool refresh). */
    private final int[] limits;
    private final boolean[] mixable;

    RoutedAgent(AgentProfile profile, int ordinal) {
        this.profile = profile;
        this.ordinal = ordinal;
        this.limits = profile.capacity().limitsByOrdinal();
        this.mixable = profile.capacity().mixableByOrdinal();
    }

    /**
     * The state the router shows: RESERVED while an offer is out, BUSY on assigned work until the switch says
     * otherwise, else what the switch reported.
     */
    AgentState state() {
        if (offers > 0) {
            return AgentState.RESERVED;
        }
        if (active > 0 && switchState == AgentState.READY) {
            return AgentState.BUSY;
        }
        return switchState;
    }

    /**
     * Whether the agent may be offered one more task of the channel: it works (READY, or BUSY on the switch for
     * non-voice work), is not held back, and its capacity allows it; a switch-side call counts as voice load.
     */
    boolean canTake(Channel channel) {
        boolean working = switchState == AgentState.READY
                || switchState == AgentState.BUSY && channel != Channel.VOICE;
        if (!working || heldBackUntil != 0) {
            return false;
        }
        int c = channel.ordinal();
        if (load[c] >= limits[c]) {
            return false;
        }
        int voice = Channel.VOICE.ordinal();
        for (int other = 0; other < load.length; other++) {
            boolean busy = load[other] > 0 || other == voice && switchState == AgentState.BUSY;
            if (other != c && busy && !(mixable[c] && mixable[other])) {
                return false;
            }
        }
        return true;
    }

    /** Accounts the time spent in the previous state up to {@code now} and moves to the current one. */
    void stateChanged(long now) {
        AgentState current = state();
        String currentReason = current == AgentState.NOT_READY || current == AgentState.WRAP_UP ? reason : "";
        if (current == shownState && currentReason.equals(shownReason)) {
            return;
        }
        lock.beginWrite();
        if (current != shownState) {
            long spent = Math.max(0, now - stateSince);
            millisIn[shownState.ordinal()] += spent;
            if (shownState == AgentState.WRAP_UP) {
                wrapUpMillis += spent;
            }
            shownState = current;
            stateSince = now;
        }
        shownReason = currentReason;
        at = now;
        lock.endWrite();
    }

    void handledTask(long talk, long now) {
        lock.beginWrite();
        handled++;
        talkMillis += talk;
        at = now;
        lock.endWrite();
    }

    /** A consistent copy of the agent's figures; any thread. */
    AgentStatistics published() {
        return lock.read(() -> new AgentStatistics(profile.id(), shownState, shownReason, stateSince, handled,
                talkMillis, wrapUpMillis, millisIn.clone(), at));
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

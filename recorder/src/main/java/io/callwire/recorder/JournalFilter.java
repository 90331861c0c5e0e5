package io.callwire.recorder;

import io.callwire.core.command.AgentCommand;
import io.callwire.core.command.CallCommand;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;

/**
 * Which journal entries to read. Empty strings and {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE} mean "any".
 * A call id matches the native id an event carries, the library id the call tracker resolved it to, the old ids
 * of a transfer or conference, and the call id of a call command. An agent id matches agent state changes,
 * routing decisions naming the agent and agent commands. The time range [from, to) applies to event
 * timestamps; a command takes the time of the event before it. Session markers pass only the empty filter.
 */
public record JournalFilter(String callId, String agentId, long fromMillis, long toMillis) {
    private static final JournalFilter ALL = new JournalFilter("", "", Long.MIN_VALUE, Long.MAX_VALUE);

    public JournalFilter {
        callId = callId == null ? "" : callId;
        agentId = agentId == null ? "" : agentId;
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("time range from " + fromMillis + " is after to " + toMillis);
        }
    }

    /** Every entry. */
    public static JournalFilter all() {
        return ALL;
    }

    /** This filter narrowed to one call. */
    public JournalFilter call(String id) {
        return new JournalFilter(id, agentId, fromMillis, toMillis);
    }

    /** This filter narrowed to one agent. */
    public JournalFilter agent(String id) {
        return new JournalFilter(callId, id, fromMillis, toMillis);
    }

    /** This filter narrowed to switch times in [from, to) (epoch ms). */
    public JournalFilter between(long from, long to) {
        return new JournalFilter(callId, agentId, from, to);
    }

    /** Whether this filter lets every entry through. */
    public boolean isAll() {
        return equals(ALL);
    }

    boolean needsCallResolution() {
        return !callId.isEmpty();
    }

    /**
     * @param resolvedCallId library call id of the event, or null when unknown
     * @param time           time of the entry (the event's, or the previous event's for a command)
     */
    boolean matches(JournalEntry entry, String resolvedCallId, long time) {
        if (entry instanceof SessionEntry) {
            return isAll();
        }
        if (time < fromMillis || time >= toMillis) {
            return false;
        }
        if (entry instanceof EventEntry e) {
            return matchesCall(e.event(), resolvedCallId) && matchesAgent(e.event());
        }
        if (entry instanceof DecisionEntry d) {
            return matchesCall(d.decision(), resolvedCallId) && matchesAgent(d.decision());
        }
        CommandEntry c = (CommandEntry) entry;
        boolean callOk = callId.isEmpty() || (c.command() instanceof CallCommand cc && cc.callId().equals(callId));
        boolean agentOk = agentId.isEmpty() || (c.command() instanceof AgentCommand ac && ac.agentId().equals(agentId));
        return callOk && agentOk;
    }

    private boolean matchesCall(CtiEvent event, String resolvedCallId) {
        if (callId.isEmpty()) {
            return true;
        }
        if (callId.equals(event.callId()) || callId.equals(resolvedCallId)) {
            return true;
        }
        if (event instanceof CallTransferred t) {
            return t.oldCallIds().contains(callId);
        }
        return event instanceof CallConferenced c && c.oldCallIds().contains(callId);
    }

    private boolean matchesAgent(CtiEvent event) {
        if (agentId.isEmpty()) {
            return true;
        }
        String named = event instanceof AgentStateChanged e ? e.agentId()
                : event instanceof AgentReserved e ? e.agentId()
                : event instanceof TaskAssigned e ? e.agentId()
                : event instanceof ReservationRejected e ? e.agentId()
                : event instanceof ReservationTimedOut e ? e.agentId()
                : event instanceof TaskCompleted e ? e.agentId()
                : null;
        return agentId.equals(named);
    }
}

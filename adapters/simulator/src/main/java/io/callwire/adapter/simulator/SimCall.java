package io.callwire.adapter.simulator;

import io.callwire.core.model.LegRole;

import java.util.ArrayList;
import java.util.List;

/** One simulated call. Mutable; owned by the simulator thread. */
final class SimCall {
    final String id;
    /** True for calls of the traffic generator, whose callers are patient only so long and hang up on their own. */
    final boolean generated;
    /** The call a consultation was made from, or null. */
    final SimCall parent;
    final List<SimLeg> legs = new ArrayList<>();
    /** Ids of consultation calls merged into this one by a transfer or conference. */
    final List<String> aliases = new ArrayList<>();
    /** For a consultation: the consulting party's leg in the parent call, and the consulted party's leg. */
    SimLeg consulting;
    SimLeg consulted;
    String queue = "";
    long queuedAt;
    /** The party that waits (or last waited) in {@link #queue}: the caller, or whoever a transfer sent there. */
    SimLeg queuedParty;
    /** Whether the call waits in its queue's line for an agent (false while it is offered to one). */
    boolean inLine;
    String recordingId = "";
    /** When a generated caller gives up waiting. */
    Agenda.Task patience;
    /** When a generated caller talking to a manual agent hangs up. */
    Agenda.Task callerHangUp;

    SimCall(String id, boolean generated, SimCall parent) {
        this.id = id;
        this.generated = generated;
        this.parent = parent;
    }

    /** The first leg: the party who placed the call (for a consultation, the consulting party's second leg). */
    SimLeg caller() {
        return legs.get(0);
    }

    boolean isConsultation() {
        return parent != null;
    }

    /** Legs that are not yet cleared. */
    List<SimLeg> liveLegs() {
        List<SimLeg> live = new ArrayList<>();
        for (SimLeg leg : legs) {
            if (leg.live()) {
                live.add(leg);
            }
        }
        return live;
    }

    /** Live legs of the parties in the conversation: every live leg but a supervisor's. */
    List<SimLeg> parties() {
        List<SimLeg> parties = new ArrayList<>();
        for (SimLeg leg : legs) {
            if (leg.live() && leg.role != LegRole.SUPERVISOR) {
                parties.add(leg);
            }
        }
        return parties;
    }

    SimLeg leg(String legId) {
        for (SimLeg leg : legs) {
            if (leg.id.equals(legId)) {
                return leg;
            }
        }
        return null;
    }

    /** The caller stops waiting to give up (an agent rings, or the call ends). */
    void cancelPatience() {
        if (patience != null) {
            patience.cancel();
            patience = null;
        }
    }

    @Override
    public String toString() {
        return id + legs;
    }
}

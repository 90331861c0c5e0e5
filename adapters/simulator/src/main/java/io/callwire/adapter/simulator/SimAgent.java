package io.callwire.adapter.simulator;

import io.callwire.core.model.AgentState;

import java.util.ArrayList;
import java.util.List;

/** A simulated agent at a station. Mutable; owned by the simulator thread. */
final class SimAgent {
    final String id;
    final String station;
    /** A manual agent acts only on commands; an auto agent answers, talks and hangs up on its own. */
    final boolean manual;
    AgentState state = AgentState.LOGGED_OUT;
    /** When the agent last became READY, and in which order among agents: the longest idle goes first. */
    long readySince;
    long readyOrder;
    /** Live legs at this station: none when idle, two while consulting. */
    final List<SimLeg> legs = new ArrayList<>();
    /** The auto agent's next step of its own (answer, end of talk, end of a consultation, end of wrap-up). */
    private Agenda.Task plan;

    SimAgent(String id, String station, boolean manual) {
        this.id = id;
        this.station = station;
        this.manual = manual;
    }

    boolean loggedIn() {
        return state != AgentState.LOGGED_OUT;
    }

    boolean idle() {
        return legs.isEmpty();
    }

    /** READY with nothing at the station: the switch may offer a queued call. */
    boolean available() {
        return state == AgentState.READY && legs.isEmpty();
    }

    /** Replaces the agent's next step. */
    void plan(Agenda.Task next) {
        cancelPlan();
        plan = next;
    }

    void cancelPlan() {
        if (plan != null) {
            plan.cancel();
            plan = null;
        }
    }

    /** Called by the planned step when it runs. */
    void planDone() {
        plan = null;
    }
}

package io.callwire.adapter.simulator;

import io.callwire.core.model.AgentState;

/** A simulated agent at a station. Mutable; owned by the simulator thread. */
final class SimAgent {
    final String id;
    final String station;
    final boolean manual;
    AgentState state = AgentState.LOGGED_OUT;
    long readySince;
    /** The leg this agent's station has in a call, or null when the station is idle. */
    SimLeg leg;
    Agenda.Task pending;

    SimAgent(String id, String station, boolean manual) {
        this.id = id;
        this.station = station;
        this.manual = manual;
    }

    boolean available() {
        return state == AgentState.READY && leg == null;
    }
}

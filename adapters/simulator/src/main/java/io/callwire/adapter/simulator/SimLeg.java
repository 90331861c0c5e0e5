package io.callwire.adapter.simulator;

import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

/** One simulated leg. Mutable; owned by the simulator thread. */
final class SimLeg {
    final String id;
    SimCall call;
    String device;
    final LegRole role;
    LegState state = LegState.NULL;
    /** The agent whose station this leg is on, or null for trunks and supervisors. */
    SimAgent agent;

    SimLeg(String id, SimCall call, String device, LegRole role, SimAgent agent) {
        this.id = id;
        this.call = call;
        this.device = device;
        this.role = role;
        this.agent = agent;
    }

    boolean live() {
        return !state.isTerminal();
    }
}

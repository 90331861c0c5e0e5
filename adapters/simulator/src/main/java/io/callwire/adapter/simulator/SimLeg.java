package io.callwire.adapter.simulator;

import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

/** One simulated leg. Mutable; owned by the simulator thread. */
final class SimLeg {
    final String id;
    final LegRole role;
    final DeviceType deviceType;
    /** The call the leg belongs to; a consulted party's leg moves to the held call when a transfer completes. */
    SimCall call;
    String device;
    LegState state;
    /** The agent whose station this leg is on, or null for trunks, external numbers and other devices. */
    SimAgent agent;

    SimLeg(String id, SimCall call, String device, LegRole role, DeviceType deviceType, LegState state, SimAgent agent) {
        this.id = id;
        this.call = call;
        this.device = device;
        this.role = role;
        this.deviceType = deviceType;
        this.state = state;
        this.agent = agent;
    }

    boolean live() {
        return !state.isTerminal();
    }

    @Override
    public String toString() {
        return id + "@" + device + " " + state;
    }
}

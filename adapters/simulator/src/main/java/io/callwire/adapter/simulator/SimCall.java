package io.callwire.adapter.simulator;

import java.util.ArrayList;
import java.util.List;

/** One simulated call. Mutable; owned by the simulator thread. */
final class SimCall {
    final String id;
    final boolean generated;
    final List<SimLeg> legs = new ArrayList<>();
    String queue = "";
    long queuedAt;
    String recordingId = "";
    Agenda.Task abandon;

    SimCall(String id, boolean generated) {
        this.id = id;
        this.generated = generated;
    }

    /** The first leg, the party who placed the call. */
    SimLeg caller() {
        return legs.get(0);
    }

    List<SimLeg> liveLegs() {
        List<SimLeg> live = new ArrayList<>();
        for (SimLeg leg : legs) {
            if (leg.live()) {
                live.add(leg);
            }
        }
        return live;
    }

    SimLeg leg(String legId) {
        for (SimLeg leg : legs) {
            if (leg.id.equals(legId)) {
                return leg;
            }
        }
        return null;
    }
}

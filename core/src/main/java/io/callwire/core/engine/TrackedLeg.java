package io.callwire.core.engine;

import io.callwire.core.model.Leg;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

/** Live, mutable state of one leg; owned by the state handler thread. */
final class TrackedLeg {
    final String id;
    TrackedCall call;
    String deviceId;
    LegRole role;
    LegState state = LegState.NULL;
    String cause = "";
    String queueId = "";
    long since;

    TrackedLeg(String id, TrackedCall call, String deviceId, LegRole role, long since) {
        this.id = id;
        this.call = call;
        this.deviceId = deviceId;
        this.role = role;
        this.since = since;
    }

    Leg view() {
        return new Leg(id, call.id, deviceId, role, state, cause, since);
    }
}

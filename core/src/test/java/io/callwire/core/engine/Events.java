package io.callwire.core.engine;

import io.callwire.core.event.CallStarted;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

/** Short constructors for the events the engine tests publish, all on switch "pbx". */
final class Events {
    static final String SW = "pbx";

    private Events() {
    }

    static Envelope env(long ts, String callId, String legId, String deviceId) {
        return Envelope.of(SW, ts, callId, legId, deviceId);
    }

    static CallStarted started(long ts, String callId) {
        return new CallStarted(env(ts, callId, "", ""), Direction.INBOUND, "+4930111", "5000", "");
    }

    static LegCreated created(long ts, String callId, String legId, String device, LegRole role, LegState state) {
        return new LegCreated(env(ts, callId, legId, device), role, state, DeviceType.STATION, device);
    }

    static LegConnected connected(long ts, String callId, String legId) {
        return new LegConnected(env(ts, callId, legId, ""));
    }

    static LegCleared cleared(long ts, String callId, String legId) {
        return new LegCleared(env(ts, callId, legId, ""), "normal");
    }
}

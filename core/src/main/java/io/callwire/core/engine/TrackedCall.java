package io.callwire.core.engine;

import io.callwire.core.model.Call;
import io.callwire.core.model.Direction;
import io.callwire.core.model.Leg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Live, mutable state of one call; owned by the state handler thread. */
final class TrackedCall {
    final String id;
    final String switchId;
    final Set<String> aliases = new TreeSet<>();
    final Map<String, TrackedLeg> legs = new LinkedHashMap<>();
    final Map<String, String> data = new TreeMap<>();
    String parentCallId = "";
    Direction direction = Direction.UNKNOWN;
    String ani = "";
    String dnis = "";
    String queueId = "";
    final long startedAt;

    TrackedCall(String id, String switchId, long startedAt) {
        this.id = id;
        this.switchId = switchId;
        this.startedAt = startedAt;
    }

    boolean allLegsTerminal() {
        if (legs.isEmpty()) {
            return false;
        }
        for (TrackedLeg leg : legs.values()) {
            if (!leg.state.isTerminal()) {
                return false;
            }
        }
        return true;
    }

    Call view() {
        List<Leg> legViews = new ArrayList<>(legs.size());
        for (TrackedLeg leg : legs.values()) {
            legViews.add(leg.view());
        }
        return new Call(id, switchId, aliases, parentCallId, direction, ani, dnis, queueId, data, startedAt, legViews);
    }
}

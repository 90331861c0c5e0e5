package io.callwire.core.engine;

import io.callwire.core.model.Queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls waiting in one switch-side queue, oldest first; owned by the state handler thread. */
final class TrackedQueue {
    final String id;
    final String switchId;
    final Map<String, Long> waitingSince = new LinkedHashMap<>();

    TrackedQueue(String id, String switchId) {
        this.id = id;
        this.switchId = switchId;
    }

    Queue view() {
        long oldest = waitingSince.isEmpty() ? 0 : waitingSince.values().iterator().next();
        return new Queue(id, switchId, new ArrayList<>(waitingSince.keySet()), oldest);
    }
}

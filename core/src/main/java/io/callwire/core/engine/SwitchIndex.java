package io.callwire.core.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The native ids of one switch: call aliases and legs as the switch names them, and the call ids it ended
 * recently (to tell a late or repeated event from an unknown call). Owned by the state handler thread.
 */
final class SwitchIndex {
    private static final int RECENTLY_ENDED = 16_384;

    final Map<String, TrackedCall> byAlias = new HashMap<>();
    final Map<String, TrackedLeg> legs = new HashMap<>();
    final Map<String, Boolean> recentlyEnded = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_ENDED;
        }
    };
}

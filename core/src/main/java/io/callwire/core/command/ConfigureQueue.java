package io.callwire.core.command;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes a library-routed queue's rules while the engine runs; tasks already waiting are ranked and
 * matched under the new rules at once. Settings are text so that the command (and the journal) stay free of
 * routing types; the routing engine documents the keys (e.g. {@code requirement}, {@code strategy},
 * {@code ageingPerMinute}, {@code offerTimeout}, {@code serviceLevel}, {@code maxWait}, {@code maxLength},
 * {@code widening}, {@code wrapUp}) and refuses unknown keys or bad values with {@link TaskRefusedException}.
 *
 * @param queueId  routed queue
 * @param settings the settings to change; others keep their values
 */
public record ConfigureQueue(String queueId, Map<String, String> settings) implements TaskCommand {
    public ConfigureQueue {
        Require.id(queueId, "queueId");
        settings = Collections.unmodifiableMap(new TreeMap<>(settings == null ? Map.of() : settings));
    }
}

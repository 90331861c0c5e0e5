package io.callwire.routing;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An agent as the router knows it: the station it works at and its skills (name to level 1..10).
 *
 * @param id      agent id, as in AgentStateChanged events
 * @param station device the agent's calls ring at
 * @param skills  skill levels 1..10
 */
public record AgentProfile(String id, String station, Map<String, Integer> skills) {
    public AgentProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(station, "station");
        for (Map.Entry<String, Integer> skill : skills.entrySet()) {
            if (skill.getValue() < 1 || skill.getValue() > 10) {
                throw new IllegalArgumentException("agent " + id + ": skill " + skill.getKey() + " level "
                        + skill.getValue() + " is not in 1..10");
            }
        }
        skills = Collections.unmodifiableSortedMap(new TreeMap<>(skills));
    }
}

package io.callwire.routing;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An agent as the router knows it.
 *
 * @param id      agent id, as in AgentStateChanged events
 * @param station device the agent's calls ring at
 * @param skills  skill levels 1..10
 * @param queues  the queues the agent works; empty means every queue whose requirement its skills meet
 * @param wrapUp  the agent's own wrap-up time, overriding the queue's; null uses the queue's
 * @param capacity how much work of each channel the agent holds at once
 */
public record AgentProfile(String id, String station, Map<String, Integer> skills, Set<String> queues,
                           Duration wrapUp, Capacity capacity) {
    public AgentProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(capacity, "capacity");
        for (Map.Entry<String, Integer> skill : skills.entrySet()) {
            if (skill.getValue() < 1 || skill.getValue() > 10) {
                throw new IllegalArgumentException("agent " + id + ": skill " + skill.getKey() + " level "
                        + skill.getValue() + " is not in 1..10");
            }
        }
        if (wrapUp != null && wrapUp.isNegative()) {
            throw new IllegalArgumentException("agent " + id + ": wrap-up time must not be negative");
        }
        skills = Collections.unmodifiableSortedMap(new TreeMap<>(skills));
        queues = Collections.unmodifiableSortedSet(new TreeSet<>(queues));
    }

    /** An agent working every queue its skills qualify it for, with the queues' wrap-up times. */
    public AgentProfile(String id, String station, Map<String, Integer> skills) {
        this(id, station, skills, Set.of(), null, Capacity.ONE_AT_A_TIME);
    }

    /** This agent restricted to these queues. */
    public AgentProfile withQueues(String... queueIds) {
        return new AgentProfile(id, station, skills, Set.of(queueIds), wrapUp, capacity);
    }

    /** This agent with its own wrap-up time. */
    public AgentProfile withWrapUp(Duration time) {
        return new AgentProfile(id, station, skills, queues, Objects.requireNonNull(time, "time"), capacity);
    }

    /** This agent holding work of several channels at once. */
    public AgentProfile withCapacity(Capacity work) {
        return new AgentProfile(id, station, skills, queues, wrapUp, work);
    }

    /** Whether the agent works this queue and, for it, meets this requirement. */
    boolean serves(String queueId, SkillExpression requirement) {
        return (queues.isEmpty() || queues.contains(queueId)) && requirement.test(skills);
    }
}

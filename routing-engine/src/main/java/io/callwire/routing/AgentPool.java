package io.callwire.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The agents available for work, grouped by skill signature (the exact skill map) so that choosing the
 * longest-idle agent for a requirement looks at the head of each matching group, not at every agent.
 * Which groups match a requirement is computed once per requirement and kept until a new signature appears.
 * Single-threaded: owned by the router on the engine's state thread.
 */
final class AgentPool {
    private final Map<Map<String, Integer>, Group> groups = new HashMap<>();
    private final Map<SkillExpression, List<Group>> matching = new HashMap<>();

    /** Makes the agent available, idle since {@code since}. */
    void add(RoutedAgent agent, long since) {
        if (agent.available) {
            return;
        }
        Group group = groups.get(agent.profile.skills());
        if (group == null) {
            group = new Group();
            groups.put(agent.profile.skills(), group);
            matching.clear();
        }
        agent.idleSince = since;
        agent.available = true;
        group.idle.add(agent);
    }

    /** Takes the agent out of the pool (reserved, busy, not ready, logged out). */
    void remove(RoutedAgent agent) {
        if (agent.available) {
            groups.get(agent.profile.skills()).idle.remove(agent);
            agent.available = false;
        }
    }

    /** The longest-idle available agent meeting the requirement, or null. */
    RoutedAgent longestIdle(SkillExpression requirement) {
        RoutedAgent best = null;
        for (Group group : matching.computeIfAbsent(requirement, this::groupsMeeting)) {
            if (!group.idle.isEmpty()) {
                RoutedAgent head = group.idle.first();
                if (best == null || RoutedAgent.BY_IDLE.compare(head, best) < 0) {
                    best = head;
                }
            }
        }
        return best;
    }

    private List<Group> groupsMeeting(SkillExpression requirement) {
        List<Group> out = new ArrayList<>();
        groups.forEach((skills, group) -> {
            if (requirement.test(skills)) {
                out.add(group);
            }
        });
        return out;
    }

    /** Available agents with one skill signature, longest idle first. */
    private static final class Group {
        final TreeSet<RoutedAgent> idle = new TreeSet<>(RoutedAgent.BY_IDLE);
    }
}

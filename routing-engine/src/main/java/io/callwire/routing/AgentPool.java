package io.callwire.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents available for work, grouped by skill signature (the exact skill map) so that choosing the
 * longest-idle agent for a requirement looks at the head of each matching group, not at every agent, and
 * moving an agent in or out allocates nothing.
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
        group.add(agent);
    }

    /** Takes the agent out of the pool (reserved, busy, not ready, logged out). */
    void remove(RoutedAgent agent) {
        if (agent.available) {
            groups.get(agent.profile.skills()).remove(agent);
            agent.available = false;
        }
    }

    /** The longest-idle available agent meeting the requirement, or null. */
    RoutedAgent longestIdle(SkillExpression requirement) {
        List<Group> candidates = matching.get(requirement);
        if (candidates == null) {
            candidates = groupsMeeting(requirement);
            matching.put(requirement, candidates);
        }
        RoutedAgent best = null;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Group group = candidates.get(i);
            RoutedAgent head = group.head;
            if (head != null && (best == null || RoutedAgent.BY_IDLE.compare(head, best) < 0)) {
                best = head;
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

    /**
     * Available agents with one skill signature, longest idle first, as an intrusive linked line. Agents
     * come back with the engine's current time, which never goes backwards, so adding is almost always an
     * append; an older time walks back to its place.
     */
    private static final class Group {
        RoutedAgent head;
        RoutedAgent tail;

        void add(RoutedAgent agent) {
            RoutedAgent after = tail;
            while (after != null && RoutedAgent.BY_IDLE.compare(after, agent) > 0) {
                after = after.previous;
            }
            agent.previous = after;
            agent.next = after == null ? head : after.next;
            if (agent.next == null) {
                tail = agent;
            } else {
                agent.next.previous = agent;
            }
            if (after == null) {
                head = agent;
            } else {
                after.next = agent;
            }
        }

        void remove(RoutedAgent agent) {
            if (agent.previous == null) {
                head = agent.next;
            } else {
                agent.previous.next = agent.next;
            }
            if (agent.next == null) {
                tail = agent.previous;
            } else {
                agent.next.previous = agent.previous;
            }
            agent.previous = null;
            agent.next = null;
        }
    }
}

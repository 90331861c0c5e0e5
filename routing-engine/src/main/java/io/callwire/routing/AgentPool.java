package io.callwire.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The agents with free capacity on one channel, grouped by signature (skill map and queue list) so that a decision looks at
 * the head of each qualifying group, not at every agent, and moving an agent in or out allocates nothing.
 * Which groups qualify for a queue and requirement is computed once and kept until a new signature appears.
 * Strategies that rank agents by something other than idle time and proficiency (round robin, occupancy,
 * tasks handled, random, custom scorers) walk the available agents of the qualifying groups.
 * Single-threaded: owned by the router on the engine's state thread.
 */
final class AgentPool {
    /** Candidates a decision trace keeps at most. */
    static final int TRACED = 20;

    private final int channel;
    private final Comparator<RoutedAgent> byIdle;
    private final Map<Signature, Group> groups = new HashMap<>();
    /** Bumped whenever a new signature appears, which invalidates every {@link Eligibility}'s group list. */
    private int version = 1;
    private int available;
    private final SplittableRandom random;
    private final int agentCount;

    /** A pool of the agents with free capacity on one channel (a {@link io.callwire.core.model.Channel} ordinal). */
    AgentPool(int channel, long seed, int agentCount) {
        this.channel = channel;
        this.byIdle = RoutedAgent.byIdle(channel);
        this.random = new SplittableRandom(seed);
        this.agentCount = agentCount;
    }

    /** Whether the agent is in this pool. */
    boolean contains(RoutedAgent agent) {
        return agent.available[channel];
    }

    /** Makes the agent available, idle since {@code since}. */
    void add(RoutedAgent agent, long since) {
        if (agent.available[channel]) {
            return;
        }
        Group group = agent.group[channel];
        if (group == null) {
            Signature signature = new Signature(agent.profile.skills(), agent.profile.queues());
            group = groups.get(signature);
            if (group == null) {
                group = new Group(signature, channel, byIdle);
                groups.put(signature, group);
                version++;
            }
            agent.group[channel] = group;
        }
        agent.since[channel] = since;
        agent.available[channel] = true;
        group.add(agent);
        available++;
    }

    /** Takes the agent out of the pool (reserved, busy, not ready, logged out). */
    void remove(RoutedAgent agent) {
        if (agent.available[channel]) {
            agent.group[channel].remove(agent);
            agent.available[channel] = false;
            available--;
        }
    }

    /**
     * The agent the queue's strategy picks among the available agents who serve the queue at this
     * requirement and are not excluded by the task; null when none. Candidates looked at go to
     * {@code trace} when it is not null.
     */
    RoutedAgent choose(RoutingQueue queue, Eligibility eligibility, Task task, long now, int lastOrdinal,
                       List<DecisionTrace.Candidate> trace) {
        List<Group> candidates = qualifying(eligibility);
        SkillExpression requirement = eligibility.requirement;
        return switch (queue.strategy()) {
            case LONGEST_IDLE -> longestIdleHead(candidates, task, Integer.MIN_VALUE, requirement, trace);
            case BEST_PROFICIENCY -> bestProficiency(candidates, task, requirement, trace);
            case WEIGHTED_RANDOM -> weightedRandom(candidates, task, requirement, trace);
            default -> bestScore(queue, candidates, task, now, lastOrdinal, trace);
        };
    }

    /** The longest-idle available agent who may take the queue's tasks at this eligibility, or null. */
    RoutedAgent longestIdle(Eligibility eligibility) {
        return longestIdleHead(qualifying(eligibility), null, Integer.MIN_VALUE, eligibility.requirement, null);
    }

    /** Whether any agent is available at all. */
    boolean isEmpty() {
        return available == 0;
    }

    private List<Group> qualifying(Eligibility eligibility) {
        if (eligibility.version != version) {
            List<Group> list = new ArrayList<>();
            for (Group group : groups.values()) {
                if (group.serves(eligibility.queueId, eligibility.requirement)) {
                    list.add(group);
                }
            }
            SkillExpression requirement = eligibility.requirement;
            list.sort(Comparator.comparingInt((Group g) -> -requirement.proficiency(g.signature.skills())));
            eligibility.groups = list;
            eligibility.version = version;
        }
        return eligibility.groups;
    }

    private RoutedAgent longestIdleHead(List<Group> candidates, Task task, int minProficiency,
                                               SkillExpression requirement, List<DecisionTrace.Candidate> trace) {
        RoutedAgent best = null;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Group group = candidates.get(i);
            if (minProficiency != Integer.MIN_VALUE
                    && requirement.proficiency(group.signature.skills()) != minProficiency) {
                continue;
            }
            RoutedAgent head = group.firstAllowed(task, trace);
            if (head == null) {
                continue;
            }
            if (trace != null) {
                note(trace, head, -head.since[channel], "longest idle of its skill group; score = -idle since");
            }
            if (best == null || byIdle.compare(head, best) < 0) {
                best = head;
            }
        }
        return best;
    }

    private RoutedAgent bestProficiency(List<Group> candidates, Task task, SkillExpression requirement,
                                               List<DecisionTrace.Candidate> trace) {
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Group group = candidates.get(i);
            if (group.firstAllowed(task, null) != null) {
                int level = requirement.proficiency(group.signature.skills());
                if (trace != null) {
                    trace.add(new DecisionTrace.Candidate("*", level, "best proficiency available"));
                }
                return longestIdleHead(candidates, task, level, requirement, trace);
            }
        }
        return null;
    }

    private RoutedAgent weightedRandom(List<Group> candidates, Task task, SkillExpression requirement,
                                       List<DecisionTrace.Candidate> trace) {
        long total = 0;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Group group = candidates.get(i);
            int weight = requirement.proficiency(group.signature.skills()) + 1;
            for (RoutedAgent a = group.head; a != null; a = a.next[channel]) {
                if (task.allows(a)) {
                    total += weight;
                }
            }
        }
        if (total == 0) {
            return null;
        }
        long draw = random.nextLong(total);
        for (int i = 0, n = candidates.size(); i < n; i++) {
            Group group = candidates.get(i);
            int weight = requirement.proficiency(group.signature.skills()) + 1;
            for (RoutedAgent a = group.head; a != null; a = a.next[channel]) {
                if (task.allows(a)) {
                    note(trace, a, weight, "weight (proficiency + 1) in the draw");
                    draw -= weight;
                    if (draw < 0) {
                        return a;
                    }
                }
            }
        }
        throw new IllegalStateException("weights changed during a draw");
    }

    private RoutedAgent bestScore(RoutingQueue queue, List<Group> candidates, Task task, long now, int lastOrdinal,
                                  List<DecisionTrace.Candidate> trace) {
        RoutedAgent best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            for (RoutedAgent a = candidates.get(i).head; a != null; a = a.next[channel]) {
                if (!task.allows(a)) {
                    continue;
                }
                double score = switch (queue.strategy()) {
                    case ROUND_ROBIN -> -Math.floorMod(a.ordinal - lastOrdinal - 1, agentCount);
                    case LEAST_OCCUPIED -> -a.occupancy(now);
                    case FEWEST_CALLS -> -a.tasksHandled();
                    case SCORED -> queue.scorer().score(a, queue.id(), task.data);
                    default -> throw new IllegalStateException(queue.strategy() + " is not a scoring strategy");
                };
                note(trace, a, score, "score under the queue's strategy");
                if (Double.isNaN(score)) {
                    continue;
                }
                if (best == null || score > bestScore || score == bestScore && byIdle.compare(a, best) < 0) {
                    best = a;
                    bestScore = score;
                }
            }
        }
        return best;
    }

    /** Adds a candidate to a decision trace, up to {@link #TRACED} of them. */
    private static void note(List<DecisionTrace.Candidate> trace, RoutedAgent agent, double score, String note) {
        if (trace != null && trace.size() < TRACED) {
            trace.add(new DecisionTrace.Candidate(agent.profile.id(), score, note));
        }
    }

    /** What makes agents interchangeable for routing: the same skills and the same queues. */
    private record Signature(Map<String, Integer> skills, Set<String> queues) {
    }

    /**
     * Who may take a queue's tasks at one widening level: the queue and the requirement, with the groups that
     * qualify cached until the pool's signatures change. One per queue and level, made once by the router.
     */
    static final class Eligibility {
        final String queueId;
        final SkillExpression requirement;
        private List<Group> groups = List.of();
        private int version;

        Eligibility(String queueId, SkillExpression requirement) {
            this.queueId = queueId;
            this.requirement = requirement;
        }
    }

    /**
     * Available agents with one signature, longest idle first, as an intrusive linked line. Agents come back
     * with the engine's current time, which never goes backwards, so adding is almost always an append; an
     * older time walks back to its place.
     */
    static final class Group {
        private final Signature signature;
        private final int channel;
        private final Comparator<RoutedAgent> byIdle;
        RoutedAgent head;
        RoutedAgent tail;

        private Group(Signature signature, int channel, Comparator<RoutedAgent> byIdle) {
            this.signature = signature;
            this.channel = channel;
            this.byIdle = byIdle;
        }

        boolean serves(String queueId, SkillExpression requirement) {
            return (signature.queues().isEmpty() || signature.queues().contains(queueId))
                    && requirement.test(signature.skills());
        }

        /** The longest-idle agent of the group the task does not exclude. */
        RoutedAgent firstAllowed(Task task, List<DecisionTrace.Candidate> trace) {
            for (RoutedAgent a = head; a != null; a = a.next[channel]) {
                if (task == null || task.allows(a)) {
                    return a;
                }
                note(trace, a, Double.NaN, "excluded by the task");
            }
            return null;
        }

        void add(RoutedAgent agent) {
            int c = channel;
            RoutedAgent after = tail;
            while (after != null && byIdle.compare(after, agent) > 0) {
                after = after.previous[c];
            }
            agent.previous[c] = after;
            agent.next[c] = after == null ? head : after.next[c];
            if (agent.next[c] == null) {
                tail = agent;
            } else {
                agent.next[c].previous[c] = agent;
            }
            if (after == null) {
                head = agent;
            } else {
                after.next[c] = agent;
            }
        }

        void remove(RoutedAgent agent) {
            int c = channel;
            if (agent.previous[c] == null) {
                head = agent.next[c];
            } else {
                agent.previous[c].next[c] = agent.next[c];
            }
            if (agent.next[c] == null) {
                tail = agent.previous[c];
            } else {
                agent.next[c].previous[c] = agent.previous[c];
            }
            agent.previous[c] = null;
            agent.next[c] = null;
        }
    }
}

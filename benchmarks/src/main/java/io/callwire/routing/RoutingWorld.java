package io.callwire.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The contact centre the routing benchmarks run on, at the routing issue's scale: {@value #SKILLS} skills,
 * {@value #QUEUES} queues and any number of agents. Queue {@code q} requires skill {@code s(q mod 200)} at
 * level {@code >= 1 + (q / 200) mod 5}, so every skill backs five queues of rising strictness. Agents get one
 * of at most {@value #MAX_PROFILES} skill profiles (three to five skills, levels 1..10): a large centre has
 * many agents but far fewer distinct skill sets. Deterministic for a seed.
 */
final class RoutingWorld {
    static final int SKILLS = 200;
    static final int QUEUES = 1_000;
    static final int MAX_PROFILES = 1_000;

    final List<RoutingQueue> queues = new ArrayList<>();
    final SkillExpression[] requirements = new SkillExpression[QUEUES];
    final AgentProfile[] agents;
    /** For each agent, the queues it serves. */
    final int[][] servedBy;
    /** Queues at least one agent serves, and the agents that serve at least one queue. */
    final int[] servableQueues;
    final int[] workingAgents;

    RoutingWorld(int agentCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int q = 0; q < QUEUES; q++) {
            requirements[q] = SkillExpression.parse("s" + (q % SKILLS) + " >= " + (1 + (q / SKILLS) % 5));
            queues.add(new RoutingQueue(queueId(q), requirements[q], Duration.ofSeconds(20)));
        }
        int profileCount = Math.min(agentCount, MAX_PROFILES);
        List<Map<String, Integer>> profiles = new ArrayList<>();
        for (int p = 0; p < profileCount; p++) {
            Map<String, Integer> skills = new HashMap<>();
            int n = 3 + random.nextInt(3);
            while (skills.size() < n) {
                skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            }
            profiles.add(skills);
        }
        agents = new AgentProfile[agentCount];
        servedBy = new int[agentCount][];
        boolean[] servable = new boolean[QUEUES];
        List<Integer> working = new ArrayList<>();
        Map<Map<String, Integer>, int[]> servedByProfile = new HashMap<>();
        for (int i = 0; i < agentCount; i++) {
            Map<String, Integer> skills = profiles.get(i < profileCount ? i : random.nextInt(profileCount));
            agents[i] = new AgentProfile(agentId(i), station(i), skills);
            servedBy[i] = servedByProfile.computeIfAbsent(skills, this::queuesServed);
            for (int q : servedBy[i]) {
                servable[q] = true;
            }
            if (servedBy[i].length > 0) {
                working.add(i);
            }
        }
        List<Integer> open = new ArrayList<>();
        for (int q = 0; q < QUEUES; q++) {
            if (servable[q]) {
                open.add(q);
            }
        }
        servableQueues = open.stream().mapToInt(Integer::intValue).toArray();
        workingAgents = working.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] queuesServed(Map<String, Integer> skills) {
        List<Integer> served = new ArrayList<>();
        for (int q = 0; q < QUEUES; q++) {
            if (requirements[q].test(skills)) {
                served.add(q);
            }
        }
        return served.stream().mapToInt(Integer::intValue).toArray();
    }

    static String queueId(int q) {
        return "q" + q;
    }

    static String agentId(int i) {
        return "a" + i;
    }

    static String station(int i) {
        return "s" + (10_000_000 + i);
    }
}

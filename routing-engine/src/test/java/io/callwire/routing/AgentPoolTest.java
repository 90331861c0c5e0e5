package io.callwire.routing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class AgentPoolTest {

    private static RoutedAgent agent(int n, Map<String, Integer> skills) {
        return new RoutedAgent(new AgentProfile("a" + n, "s" + n, skills), n);
    }

    @Test
    void choosesTheLongestIdleMatchingAgentAcrossGroups() {
        AgentPool pool = new AgentPool(0, 1, 100);
        RoutedAgent junior = agent(0, Map.of("billing", 3));
        RoutedAgent senior = agent(1, Map.of("billing", 8));
        RoutedAgent expert = agent(2, Map.of("billing", 9, "vip", 1));
        pool.add(junior, 10);
        pool.add(expert, 20);
        pool.add(senior, 30);
        AgentPool.Eligibility billing5Anywhere = new AgentPool.Eligibility("q", SkillExpression.parse("billing >= 5"));
        assertSame(expert, pool.longestIdle(billing5Anywhere));
        pool.remove(expert);
        assertSame(senior, pool.longestIdle(billing5Anywhere));
        pool.add(expert, 25);
        assertSame(expert, pool.longestIdle(billing5Anywhere), "an older idle time walks back to its place");
        pool.remove(expert);
        pool.remove(senior);
        assertNull(pool.longestIdle(billing5Anywhere));
        assertSame(junior, pool.longestIdle(new AgentPool.Eligibility("q", SkillExpression.ANY)));
    }

    @Test
    void agreesWithALinearScanOverRandomMoves() {
        SplittableRandom random = new SplittableRandom(7);
        List<Map<String, Integer>> profiles = List.of(Map.of("a", 5), Map.of("a", 7, "b", 2), Map.of("b", 9), Map.of());
        List<RoutedAgent> agents = new ArrayList<>();
        AgentPool pool = new AgentPool(0, 1, 100);
        for (int i = 0; i < 40; i++) {
            agents.add(agent(i, profiles.get(random.nextInt(profiles.size()))));
        }
        SkillExpression requirement = SkillExpression.parse("a >= 5 || b >= 9");
        AgentPool.Eligibility eligibility = new AgentPool.Eligibility("q", requirement);
        long clock = 0;
        for (int step = 0; step < 5_000; step++) {
            RoutedAgent moved = agents.get(random.nextInt(agents.size()));
            if (pool.contains(moved)) {
                pool.remove(moved);
            } else {
                pool.add(moved, random.nextInt(10) == 0 ? clock - random.nextInt(50) : ++clock);
            }
            RoutedAgent expected = agents.stream().filter(a -> pool.contains(a) && requirement.test(a.profile.skills()))
                    .min(RoutedAgent.byIdle(0)).orElse(null);
            assertEquals(expected, pool.longestIdle(eligibility), "step " + step);
        }
    }

}

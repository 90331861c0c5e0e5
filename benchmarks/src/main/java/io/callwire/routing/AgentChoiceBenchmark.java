package io.callwire.routing;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One routing decision: choose the longest-idle available agent meeting a queue's skill requirement, take it
 * out, and put it back as the newest idle agent (as if its call were done). {@code pool} uses the router's
 * {@link AgentPool} (agents grouped by skill signature); {@code linearScan} looks at every agent, the way
 * Asterisk's app_queue does. Agents get one of {@code profiles} skill profiles drawn from 200 skills; the
 * requirement is one skill at level >= 5, met by about a quarter of the profiles.
 *
 * <p>Lives in the routing package to reach the package-private pool.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar AgentChoiceBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AgentChoiceBenchmark {
    private static final int SKILLS = 200;

    @Param({"100", "1000", "10000"})
    public int agents;

    @Param({"100"})
    public int profiles;

    private AgentPool pool;
    private RoutedAgent[] all;
    private SkillExpression requirement;
    private AgentPool.Eligibility eligibility;
    private long clock;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        List<Map<String, Integer>> skillProfiles = new ArrayList<>();
        for (int p = 0; p < profiles; p++) {
            Map<String, Integer> skills = new HashMap<>();
            skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            skills.put("common", 1 + random.nextInt(10));
            skillProfiles.add(skills);
        }
        requirement = SkillExpression.parse("common >= 8");
        eligibility = new AgentPool.Eligibility("q", requirement);
        pool = new AgentPool(0, 42, agents);
        all = new RoutedAgent[agents];
        for (int i = 0; i < agents; i++) {
            AgentProfile profile = new AgentProfile("a" + i, "s" + i, skillProfiles.get(random.nextInt(profiles)));
            all[i] = new RoutedAgent(profile, i);
            pool.add(all[i], ++clock);
        }
    }

    @Benchmark
    public RoutedAgent pool() {
        RoutedAgent agent = pool.longestIdle(eligibility);
        pool.remove(agent);
        pool.add(agent, ++clock);
        return agent;
    }

    @Benchmark
    public RoutedAgent linearScan() {
        RoutedAgent best = null;
        for (RoutedAgent agent : all) {
            if (agent.available[0] && requirement.test(agent.profile.skills())
                    && (best == null || agent.since[0] < best.since[0])) {
                best = agent;
            }
        }
        best.since[0] = ++clock;
        return best;
    }
}

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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The routing decision core when agents are plentiful (a task arrives, an agent is chosen): for a queue drawn
 * at random from the {@value RoutingWorld#QUEUES} queues of {@link RoutingWorld}, choose the longest-idle
 * available agent that meets the queue's requirement, take it out of the pool and put it back as the newest
 * idle agent (as if its call were done). {@code pool} drives the router's {@link AgentPool}
 * ({@code longestIdle}, {@code remove}, {@code add}) with one {@link AgentPool.Eligibility} per queue, as the
 * router keeps them; {@code linearScan} is the baseline in the same run: look at every agent, the way
 * Asterisk's app_queue walks its members.
 *
 * <p>Lives in the routing package to reach the package-private pool.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RoutingDecisionBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RoutingDecisionBenchmark {
    private static final int DRAWS = 1 << 16;

    @Param({"100", "1000", "10000", "100000"})
    public int agents;

    private AgentPool pool;
    private RoutedAgent[] all;
    /** The baseline's own view of the agents: available and idle since, by agent index. */
    private boolean[] available;
    private long[] idleSince;
    private AgentPool.Eligibility[] eligibility;
    private SkillExpression[] requirements;
    private int[] draws;
    private int next;
    private long clock;

    @Setup(Level.Trial)
    public void setUp() {
        RoutingWorld world = new RoutingWorld(agents, 42);
        eligibility = new AgentPool.Eligibility[RoutingWorld.QUEUES];
        requirements = world.requirements;
        for (int q = 0; q < RoutingWorld.QUEUES; q++) {
            eligibility[q] = new AgentPool.Eligibility(RoutingWorld.queueId(q), requirements[q]);
        }
        pool = new AgentPool(0, 42, agents);
        all = new RoutedAgent[agents];
        available = new boolean[agents];
        idleSince = new long[agents];
        for (int i = 0; i < agents; i++) {
            all[i] = new RoutedAgent(world.agents[i], i);
            pool.add(all[i], ++clock);
            available[i] = true;
            idleSince[i] = clock;
        }
        // the steady state of a running centre: every queue's qualifying groups are known (the pool computes them
        // on a queue's first decision and keeps them until a new skill signature appears)
        for (AgentPool.Eligibility e : eligibility) {
            pool.longestIdle(e);
        }
        SplittableRandom random = new SplittableRandom(7);
        draws = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = world.servableQueues[random.nextInt(world.servableQueues.length)];
        }
    }

    @Benchmark
    public RoutedAgent pool() {
        int q = draws[next++ & (DRAWS - 1)];
        RoutedAgent agent = pool.longestIdle(eligibility[q]);
        pool.remove(agent);
        pool.add(agent, ++clock);
        return agent;
    }

    @Benchmark
    public RoutedAgent linearScan() {
        int q = draws[next++ & (DRAWS - 1)];
        SkillExpression requirement = requirements[q];
        int best = -1;
        for (int i = 0; i < all.length; i++) {
            if (available[i] && (best < 0 || idleSince[i] < idleSince[best])
                    && requirement.test(all[i].profile.skills())) {
                best = i;
            }
        }
        idleSince[best] = ++clock;
        return all[best];
    }
}

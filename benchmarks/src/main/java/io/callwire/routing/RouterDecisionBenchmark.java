package io.callwire.routing;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.Tick;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Channel;
import io.callwire.core.model.Direction;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The routing decision inside the whole {@link Router} when work waits and agents are scarce: an agent becomes
 * free, which waiting task does it get? At the routing issue's scale ({@value RoutingWorld#QUEUES} queues over
 * {@value RoutingWorld#SKILLS} skills, {@code agents} agents, {@code waiting} tasks waiting) every agent is
 * NOT_READY, so one decision is: a random agent joins the voice pool, the router's
 * {@link Router#firstOffer} finds the task it would be offered (the most pressing of its queues whose line heads
 * it may take, respecting priority plus age, the widening level each task has reached, requirements, preferred
 * and excluded agents), and the agent leaves the pool again. Nothing is reserved, so the state stays the same
 * from one decision to the next; what acting on a decision costs is {@link RouterCycleBenchmark}'s subject.
 *
 * <p>The world: {@link RoutingWorld}'s queues, each widening to its skill at level 1 after
 * {@value #WIDEN_AFTER_SECONDS} s, with a base priority of 0, 1 or 2 by queue and one point of ageing per
 * minute; the tasks arrive 1 ms apart, so when the decisions start (at a tick {@code waiting} ms after the
 * first) the older ones have widened; 1% of the calls exclude three agents and 1% prefer one.
 *
 * <p>{@code linearScan} is the baseline in the same run, the app_queue way: the waiting tasks in one list,
 * scanned for the most pressing one (priority plus age, then the oldest) whose requirement at its level the
 * agent meets and that does not exclude it. Setup checks that both choose the same task for a sample of agents,
 * except where a line's head excludes the agent (the router then passes over that line; the scan takes the
 * task behind it).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RouterDecisionBenchmark -p agents=10000 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RouterDecisionBenchmark {
    static final int WIDEN_AFTER_SECONDS = 60;
    private static final String SWITCH = "bench";
    private static final int DRAWS = 1 << 16;
    private static final int CHECKED = 200;

    @Param({"100", "1000", "10000", "100000"})
    public int agents;

    @Param({"100000"})
    public int waiting;

    private Router router;
    private AgentPool pool;
    private final Match match = new Match();
    private long now;
    /** Agents in the order they become free, as the router's agents and as indexes into the world. */
    private RoutedAgent[] freeAgents;
    private int[] freeIndexes;
    private int next;

    /** The baseline's waiting tasks, oldest first. */
    private String[] callOf;
    private SkillExpression[] requirementOf;
    private double[] priorityOf;
    private double[] ageingOf;
    private long[] queuedAt;
    private Set<String>[] excludedOf;
    private AgentProfile[] profiles;
    private int tasks;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        RoutingWorld world = new RoutingWorld(agents, 42);
        profiles = world.agents;
        SkillExpression[] widened = new SkillExpression[RoutingWorld.QUEUES];
        Map<String, Integer> priorityByQueue = new HashMap<>();
        List<RoutingQueue> queues = new ArrayList<>();
        for (int q = 0; q < RoutingWorld.QUEUES; q++) {
            widened[q] = SkillExpression.parse("s" + q % RoutingWorld.SKILLS + " >= 1");
            queues.add(world.queues.get(q).withWidening(
                    new WideningStep(Duration.ofSeconds(WIDEN_AFTER_SECONDS), widened[q])));
            priorityByQueue.put(RoutingWorld.queueId(q), q * 7 % 3);
        }
        router = new Router(queues, Arrays.asList(world.agents), (queueId, data) -> priorityByQueue.get(queueId));
        BenchContext context = new BenchContext(router);
        // every agent has been READY once, so the pool knows every skill signature (a centre that has been running)
        for (AgentProfile agent : world.agents) {
            for (AgentState state : new AgentState[] {AgentState.READY, AgentState.NOT_READY}) {
                context.feed(new AgentStateChanged(Envelope.of(SWITCH, context.now, "", "", agent.station()),
                        agent.id(), state, ""));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        tasks = waiting;
        callOf = new String[tasks];
        requirementOf = new SkillExpression[tasks];
        priorityOf = new double[tasks];
        ageingOf = new double[tasks];
        queuedAt = new long[tasks];
        excludedOf = new Set[tasks];
        int[] queueOf = new int[tasks];
        for (int t = 0; t < tasks; t++) {
            int q = world.servableQueues[random.nextInt(world.servableQueues.length)];
            String call = "c" + t;
            Map<String, String> data = new HashMap<>();
            int roll = random.nextInt(100);
            if (roll == 0) {
                String[] excluded = new String[3];
                for (int i = 0; i < excluded.length; i++) {
                    excluded[i] = RoutingWorld.agentId(random.nextInt(agents));
                }
                data.put("excludedAgents", String.join(",", excluded));
                excludedOf[t] = Set.of(Arrays.stream(excluded).distinct().toArray(String[]::new));
            } else if (roll == 1) {
                data.put("preferredAgent", RoutingWorld.agentId(random.nextInt(agents)));
            }
            context.now++;
            if (!data.isEmpty()) {
                context.calls.put(call, new Call(call, SWITCH, Set.of(call), "", Direction.INBOUND, "", "",
                        RoutingWorld.queueId(q), data, context.now, List.of()));
            }
            context.feed(new CallQueued(Envelope.of(SWITCH, context.now, call, call + "-caller", RoutingWorld.queueId(q)),
                    RoutingWorld.queueId(q)));
            callOf[t] = call;
            queueOf[t] = q;
            priorityOf[t] = priorityByQueue.get(RoutingWorld.queueId(q));
            ageingOf[t] = queues.get(q).ageingPerMinute();
            queuedAt[t] = context.now;
        }
        context.now = Math.max(context.now, queuedAt[0] + WIDEN_AFTER_SECONDS * 1000L);
        context.feed(new Tick(Envelope.of(SWITCH, context.now, "", "", "")));
        now = context.now;
        for (int t = 0; t < tasks; t++) {
            boolean widenedTask = now - queuedAt[t] >= WIDEN_AFTER_SECONDS * 1000L;
            requirementOf[t] = widenedTask ? widened[queueOf[t]] : world.requirements[queueOf[t]];
        }
        pool = router.pool(Channel.VOICE);
        freeAgents = new RoutedAgent[DRAWS];
        freeIndexes = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            freeIndexes[i] = world.workingAgents[random.nextInt(world.workingAgents.length)];
            freeAgents[i] = router.routedAgent(world.agents[freeIndexes[i]].id());
        }
        checkBothChooseAlike();
    }

    /** The benchmark compares like with like: the router and the scan pick the same task for sampled agents. */
    private void checkBothChooseAlike() {
        int differ = 0;
        for (int i = 0; i < CHECKED; i++) {
            Task chosen = router();
            int scanned = scan(freeIndexes[next - 1]);
            String routerCall = chosen == null ? null : chosen.callId;
            String scanCall = scanned < 0 ? null : callOf[scanned];
            if (routerCall == null ? scanCall != null : !routerCall.equals(scanCall)) {
                differ++;
            }
        }
        next = 0;
        if (differ > CHECKED / 20) {
            throw new IllegalStateException("the router and the scan chose differently for " + differ + " of "
                    + CHECKED + " agents");
        }
    }

    @Benchmark
    public Task router() {
        RoutedAgent agent = freeAgents[next++ & (DRAWS - 1)];
        pool.add(agent, now);
        Task task = router.firstOffer(agent, Channel.VOICE, now, match) ? match.task : null;
        pool.remove(agent);
        return task;
    }

    @Benchmark
    public int linearScan() {
        return scan(freeIndexes[next++ & (DRAWS - 1)]);
    }

    /** The most pressing waiting task the agent may take, by looking at every one; -1 for none. */
    private int scan(int agent) {
        Map<String, Integer> skills = profiles[agent].skills();
        String id = profiles[agent].id();
        int best = -1;
        double bestPressure = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < tasks; t++) {
            double pressure = priorityOf[t] + ageingOf[t] * (now - queuedAt[t]) / 60_000.0;
            // oldest first, so a later task must be strictly more pressing to win
            if (pressure <= bestPressure || !requirementOf[t].test(skills)
                    || excludedOf[t] != null && excludedOf[t].contains(id)) {
                continue;
            }
            best = t;
            bestPressure = pressure;
        }
        return best;
    }
}

package io.callwire.routing;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegConnected;
import io.callwire.core.model.AgentState;
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

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The whole {@link Router} at the routing issue's scale, driven through its {@link io.callwire.core.engine.StateExtension}
 * entry point with a {@link BenchContext}: {@value RoutingWorld#QUEUES} queues over {@value RoutingWorld#SKILLS}
 * skills, {@code agents} agents and {@code waiting} tasks waiting, spread over the queues that some agent serves.
 * Agents are scarce, so the decision is the other direction from {@link RoutingDecisionBenchmark}: one
 * operation is one task cycle, in turn for each agent:
 * <ol>
 *   <li>the agent is offered the most pressing task among the queues it serves (a decision: AgentReserved, a
 *       Redirect to its station): when it first reports READY, and from then on as soon as its previous task
 *       ends (an agent who stays READY goes back to the pool);</li>
 *   <li>the agent's leg connects (TaskAssigned), the call ends (TaskCompleted, and the agent's next offer);</li>
 *   <li>a new call queues in the same queue (TaskQueued), so {@code waiting} tasks wait at all times.</li>
 * </ol>
 * Before the tasks arrive every agent reports READY once and then NOT_READY, so the pool has seen every skill
 * signature (the steady state of a running centre, not its first minutes). The router runs as configured by default: decision traces kept for the newest 10,000 tasks, queue and agent
 * statistics republished on every change. {@code naiveScan} is the baseline in the same run: a minimal ACD
 * that handles the same events with plain structures and linear scans (per-queue FIFO lines; a READY agent
 * scans every queue's requirement and head; a new task scans every agent, skipped while none is available)
 * and none of the router's statistics, traces or events; an agent whose task ended is offered the next one the
 * same way.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RouterCycleBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RouterCycleBenchmark {
    private static final String SWITCH = "bench";

    @Param({"100", "1000", "10000", "100000"})
    public int agents;

    @Param({"100000"})
    public int waiting;

    private RoutingWorld world;
    private String[] agentIds;
    private String[] stations;
    private String[] queueIds;
    private int[] rotation;
    private int next;
    private long calls;
    private final Map<String, Integer> queueOfCall = new HashMap<>();

    private BenchContext context;
    private NaiveAcd naive;

    @Setup(Level.Trial)
    public void setUp() {
        world = new RoutingWorld(agents, 42);
        agentIds = new String[agents];
        stations = new String[agents];
        for (int i = 0; i < agents; i++) {
            agentIds[i] = world.agents[i].id();
            stations[i] = world.agents[i].station();
        }
        queueIds = new String[RoutingWorld.QUEUES];
        for (int q = 0; q < RoutingWorld.QUEUES; q++) {
            queueIds[q] = RoutingWorld.queueId(q);
        }
        rotation = world.workingAgents.clone();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = rotation.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rotation[i];
            rotation[i] = rotation[j];
            rotation[j] = t;
        }
        context = new BenchContext(new Router(world.queues, Arrays.asList(world.agents)));
        naive = new NaiveAcd(world);
        // Every agent reports READY once before work arrives, then goes NOT_READY: the pool has met every skill
        // signature, as in a centre that has been running, so its eligibility caches stay valid from here on.
        for (int i = 0; i < agents; i++) {
            for (AgentState state : new AgentState[] {AgentState.READY, AgentState.NOT_READY}) {
                AgentStateChanged change = new AgentStateChanged(Envelope.of(SWITCH, context.now, "", "", stations[i]),
                        agentIds[i], state, "");
                context.feed(change);
                naive.onEvent(change);
            }
        }
        for (int t = 0; t < waiting; t++) {
            int q = world.servableQueues[random.nextInt(world.servableQueues.length)];
            CallQueued queued = queued(q);
            context.now++;
            context.feed(queued);
            naive.now = context.now;
            naive.onEvent(queued);
        }
    }

    private CallQueued queued(int q) {
        String call = "c" + (++calls);
        queueOfCall.put(call, q);
        return new CallQueued(Envelope.of(SWITCH, 0, call, call + "-caller", queueIds[q]), queueIds[q]);
    }

    @Benchmark
    public long router() {
        int i = rotation[next++ % rotation.length];
        BenchContext c = context;
        c.now++;
        String call = c.offers.remove(stations[i]);
        if (call == null) {
            c.feed(new AgentStateChanged(Envelope.of(SWITCH, c.now, "", "", stations[i]), agentIds[i], AgentState.READY, ""));
            call = c.offers.remove(stations[i]);
            if (call == null) {
                c.feed(new AgentStateChanged(Envelope.of(SWITCH, c.now, "", "", stations[i]), agentIds[i],
                        AgentState.NOT_READY, ""));
                return -1;
            }
        }
        c.feed(new LegConnected(Envelope.of(SWITCH, c.now, call, call + "-agent", stations[i])));
        c.feed(new CallEnded(Envelope.of(SWITCH, c.now, call, "", ""), "normal"));
        c.feed(queued(queueOfCall.remove(call)));
        return c.emitted;
    }

    @Benchmark
    public long naiveScan() {
        int i = rotation[next++ % rotation.length];
        NaiveAcd n = naive;
        n.now++;
        String call = n.offers.remove(stations[i]);
        if (call == null) {
            n.onEvent(new AgentStateChanged(Envelope.of(SWITCH, n.now, "", "", stations[i]), agentIds[i], AgentState.READY, ""));
            call = n.offers.remove(stations[i]);
            if (call == null) {
                n.onEvent(new AgentStateChanged(Envelope.of(SWITCH, n.now, "", "", stations[i]), agentIds[i],
                        AgentState.NOT_READY, ""));
                return -1;
            }
        }
        n.onEvent(new LegConnected(Envelope.of(SWITCH, n.now, call, call + "-agent", stations[i])));
        n.onEvent(new CallEnded(Envelope.of(SWITCH, n.now, call, "", ""), "normal"));
        n.onEvent(queued(queueOfCall.remove(call)));
        return n.decisions;
    }

    /** The baseline ACD: the same decisions (oldest task first, longest-idle agent) by linear scans. */
    static final class NaiveAcd {
        private final SkillExpression[] requirements;
        private final Map<String, Integer> queueIndex = new HashMap<>();
        private final Map<String, Integer> agentIndex = new HashMap<>();
        private final Map<String, Integer>[] skills;
        private final boolean[] available;
        private final long[] idleSince;
        private final ArrayDeque<NaiveTask>[] lines;
        private final Map<String, NaiveTask> byCall = new HashMap<>();
        private final String[] stations;
        private final boolean[] ready;
        private int availableCount;
        private long order;
        long now;
        long decisions;
        /** Offers not yet taken by the benchmark: station to call id. */
        final Map<String, String> offers = new HashMap<>();

        @SuppressWarnings("unchecked")
        NaiveAcd(RoutingWorld world) {
            requirements = world.requirements;
            int n = world.agents.length;
            skills = new Map[n];
            stations = new String[n];
            ready = new boolean[n];
            available = new boolean[n];
            idleSince = new long[n];
            for (int i = 0; i < n; i++) {
                agentIndex.put(world.agents[i].id(), i);
                skills[i] = world.agents[i].skills();
                stations[i] = world.agents[i].station();
            }
            lines = new ArrayDeque[RoutingWorld.QUEUES];
            for (int q = 0; q < lines.length; q++) {
                lines[q] = new ArrayDeque<>();
                queueIndex.put(RoutingWorld.queueId(q), q);
            }
        }

        void onEvent(CtiEvent event) {
            if (event instanceof AgentStateChanged e) {
                int agent = agentIndex.get(e.agentId());
                ready[agent] = e.state() == AgentState.READY;
                if (ready[agent]) {
                    makeAvailable(agent);
                } else if (available[agent]) {
                    available[agent] = false;
                    availableCount--;
                }
            } else if (event instanceof LegConnected e) {
                NaiveTask task = byCall.get(e.callId());
                if (task != null) {
                    task.assigned = true;
                }
            } else if (event instanceof CallEnded e) {
                NaiveTask task = byCall.remove(e.callId());
                if (task != null && task.agent >= 0 && ready[task.agent]) {
                    makeAvailable(task.agent);
                }
            } else if (event instanceof CallQueued e) {
                int q = queueIndex.get(e.queueId());
                NaiveTask task = new NaiveTask(e.callId(), q, ++order);
                byCall.put(task.callId, task);
                lines[q].addLast(task);
                if (availableCount > 0) {
                    offerTask(q);
                }
            }
        }

        private void makeAvailable(int agent) {
            if (!available[agent]) {
                available[agent] = true;
                availableCount++;
                idleSince[agent] = now;
            }
            offerWorkTo(agent);
        }

        /** Scans every queue for the oldest head task the agent may take. */
        private void offerWorkTo(int agent) {
            NaiveTask best = null;
            for (int q = 0; q < lines.length; q++) {
                NaiveTask head = lines[q].peekFirst();
                if (head != null && (best == null || head.order < best.order) && requirements[q].test(skills[agent])) {
                    best = head;
                }
            }
            if (best != null) {
                reserve(best, agent);
            }
        }

        /** Scans every agent for the longest-idle available one meeting the queue's requirement. */
        private void offerTask(int q) {
            int best = -1;
            for (int a = 0; a < available.length; a++) {
                if (available[a] && (best < 0 || idleSince[a] < idleSince[best]) && requirements[q].test(skills[a])) {
                    best = a;
                }
            }
            if (best >= 0) {
                reserve(lines[q].peekFirst(), best);
            }
        }

        private void reserve(NaiveTask task, int agent) {
            lines[task.queue].remove(task);
            available[agent] = false;
            availableCount--;
            task.agent = agent;
            decisions++;
            offers.put(stations[agent], task.callId);
        }
    }

    static final class NaiveTask {
        final String callId;
        final int queue;
        final long order;
        int agent = -1;
        boolean assigned;

        NaiveTask(String callId, int queue, long order) {
            this.callId = callId;
            this.queue = queue;
            this.order = order;
        }
    }
}

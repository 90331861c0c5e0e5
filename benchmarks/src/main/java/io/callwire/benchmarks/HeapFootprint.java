package io.callwire.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.Tick;
import io.callwire.routing.RouterFootprint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Heap held per 10,000 concurrent calls (in the engine's call model) and per 10,000 agents and 10,000 waiting
 * tasks (in the router): heap used after full collections (MemoryMXBean), with the structure alive, minus the
 * same without it; the median of three rounds. Not a JMH benchmark: JMH measures time, this measures space.
 * Run it in its own JVM with a stop-the-world collector ({@code -XX:+UseSerialGC}) so {@code System.gc()} is
 * a full collection. Writes a small JSON file the report reads.
 *
 * <p>Usage: {@code java -XX:+UseSerialGC -cp benchmarks.jar io.callwire.benchmarks.HeapFootprint <out.json>}
 */
public final class HeapFootprint {
    private static final int CALLS = 10_000;
    private static final int AGENTS = 10_000;
    private static final int TASKS = 100_000;
    private static final int RING = 65_536;
    private static final int ROUNDS = 3;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapFootprint() {
    }

    public static void main(String[] args) throws Exception {
        double[] calls = new double[ROUNDS];
        double[] agents = new double[ROUNDS];
        double[] tasks = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            calls[round] = calls();
            double[] routing = routing();
            agents[round] = routing[0];
            tasks[round] = routing[1];
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("method", String.format(java.util.Locale.ROOT, "Heap used after `System.gc()` (SerialGC, MemoryMXBean) "
                + "with the structure alive minus without it, median of %d rounds, %s %s. Calls: %,d calls with two "
                + "connected legs each ", ROUNDS, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                CALLS)
                + "in a running engine (events made as they are published, so the ids the model keeps are counted; the "
                + "ring's slots overwritten by ticks afterwards, so no event is). "
                + String.format(java.util.Locale.ROOT, "Agents: a `Router` over 1,000 queues with %,d agents READY "
                + "(the agents' `AgentProfile` configuration is not counted). Waiting tasks: %,d calls queued in that "
                + "router with every agent NOT_READY.", AGENTS, TASKS));
        ArrayNode rows = out.putArray("rows");
        row(rows, "10,000 concurrent calls (two connected legs each) in the engine", CALLS, median(calls), "call");
        row(rows, "10,000 agents READY in the router", AGENTS, median(agents), "agent");
        row(rows, "10,000 waiting tasks in the router (measured with 100,000)", 10_000, median(tasks) / TASKS * 10_000,
                "task");
        mapper.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), out);
    }

    private static void row(ArrayNode rows, String what, int items, double bytes, String item) {
        ObjectNode row = rows.addObject();
        row.put("what", what);
        row.put("items", items);
        row.put("bytes", bytes);
        row.put("bytesPerItem", bytes / items);
        row.put("item", item);
    }

    /** Bytes the engine holds for {@value #CALLS} live calls. */
    private static double calls() {
        CallScript.BenchSwitch bench = new CallScript.BenchSwitch();
        try (CtiEngine engine = CtiEngine.builder().adapter(bench).tickInterval(Duration.ZERO).ringSize(RING).start()) {
            fillRing(engine, bench);
            long before = usedAfterGc();
            for (int c = 0; c < CALLS; c++) {
                CtiEvent[] call = CallScript.call(c);
                for (int j = 0; j < 4; j++) {
                    bench.sink.publish(call[j]);
                }
            }
            fillRing(engine, bench);
            long after = usedAfterGc();
            java.lang.ref.Reference.reachabilityFence(engine);
            return after - before;
        }
    }

    /**
     * Overwrites every ring slot with a tick, so events held only by the ring are not counted, and waits until
     * the state handler has applied everything published before (a snapshot is answered in ring order).
     */
    private static void fillRing(CtiEngine engine, CallScript.BenchSwitch bench) {
        Tick tick = new Tick(Envelope.of("bench", 1, "", "", ""));
        for (int i = 0; i < RING; i++) {
            bench.sink.publish(tick);
        }
        engine.awaitSnapshot(Duration.ofSeconds(30));
    }

    /** Bytes the router holds for {@value #AGENTS} ready agents, and for {@value #TASKS} waiting tasks. */
    private static double[] routing() {
        Object configuration = RouterFootprint.configuration(AGENTS);
        long empty = usedAfterGc();
        RouterFootprint router = RouterFootprint.readyRouter(configuration);
        long withAgents = usedAfterGc();
        router.allNotReady();
        long notReady = usedAfterGc();
        router.queue(TASKS);
        long withTasks = usedAfterGc();
        java.lang.ref.Reference.reachabilityFence(configuration);
        java.lang.ref.Reference.reachabilityFence(router);
        return new double[] {withAgents - empty, withTasks - notReady};
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

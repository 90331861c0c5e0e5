package io.callwire.routing;

import io.callwire.adapter.simulator.SimulatorAdapter;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskOverflowed;
import io.callwire.core.event.TaskQueued;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded day of simulated traffic through library routing, with widening, overflow, two strategies,
 * transfers and abandons: the statistics the router kept live must equal those recomputed from the event
 * history alone, and no agent may ever hold two voice tasks.
 */
class FullDayRoutingTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final long DAY = Duration.ofHours(24).toMillis();
    private static final int CALLS = 4_000;

    @ParameterizedTest
    @ValueSource(longs = {7})
    void liveStatisticsEqualTheHistory(long seed) {
        List<AgentProfile> agents = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String id = String.format("agent-%02d", i);
            Map<String, Integer> skills = i <= 6 ? Map.of("sales", 2 + i) : i <= 10 ? Map.of("support", i - 2)
                    : Map.of("sales", 5, "support", 5);
            agents.add(new AgentProfile(id, String.valueOf(1000 + i), skills));
        }
        RoutingQueue sales = new RoutingQueue("sales", SkillExpression.parse("sales >= 6"), Duration.ofSeconds(20))
                .withStrategy(Strategy.BEST_PROFICIENCY)
                .withWidening(new WideningStep(Duration.ofSeconds(30), SkillExpression.parse("sales >= 1")));
        RoutingQueue support = new RoutingQueue("support", SkillExpression.parse("support >= 1"), Duration.ofSeconds(20))
                .withLimits(QueueLimits.maxWait(Duration.ofSeconds(120), new LimitAction.OverflowTo("sales")));
        Router router = new Router(List.of(sales, support), agents).notReadyAfterMissedOffers(0);
        List<CtiEvent> history = new CopyOnWriteArrayList<>();
        // 4,000 calls spread over a day: one every 21.6 s on average
        CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=12&routing=library&speed=0&epoch=0&seed=" + seed + "&maxCalls=" + CALLS
                        + "&callsPerMinute=2.78&aht=240&ring=4&patience=150&wrapUp=20&holdRate=0.1"
                        + "&transferRate=0.05&consultRate=0.05&tickMillis=5000")
                .extension(router)
                .listener("history", history::add, ListenerOptions.of(1 << 21, OverflowPolicy.DROP_NEWEST))
                .start();
        try {
            SimulatorAdapter simulator = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> simulator.callsGenerated() == CALLS
                    && engine.awaitSnapshot(WAIT).calls().isEmpty());
            await().atMost(WAIT).until(() -> figures(router).equals(recompute(history)));
            Map<String, Figures> recomputed = recompute(history);
            assertEquals(recomputed, figures(router));
            long span = history.get(history.size() - 1).envelope().timestamp() - history.get(0).envelope().timestamp();
            assertTrue(span >= DAY * 9 / 10, "the traffic covers a day: " + span + " ms");
            assertTrue(recomputed.get("sales").answered() > 1_000, recomputed.toString());
            assertTrue(recomputed.get("support").overflowed() + recomputed.get("sales").abandoned() > 0, recomputed.toString());
            assertNoAgentHoldsTwoCalls(history);
            assertEquals(0, engine.metrics().illegalTransitions());
            assertEquals(0, engine.metrics().handlerErrors());
            assertEquals(0, engine.subscriptions().get(0).stats().dropped());
        } finally {
            engine.close();
        }
    }

    /** The figures the router publishes that the history can also tell. */
    record Figures(long offered, long answered, long abandoned, long overflowed, long answeredInTime,
                   long totalAnswerWait, long handled, long totalHandle, int waiting) {
    }

    private static Map<String, Figures> figures(Router router) {
        Map<String, Figures> out = new TreeMap<>();
        router.statistics().forEach((id, s) -> out.put(id, new Figures(s.offered(), s.answered(), s.abandoned(),
                s.overflowed(), s.answeredInTime(), s.totalAnswerWaitMillis(), s.handled(), s.totalHandleMillis(),
                s.waiting())));
        return out;
    }

    private static Map<String, Figures> recompute(List<CtiEvent> history) {
        Map<String, long[]> n = new TreeMap<>();
        for (String q : List.of("sales", "support")) {
            n.put(q, new long[9]);
        }
        Map<String, String> queueOf = new HashMap<>();
        Map<String, Long> queuedAt = new HashMap<>();
        Map<String, Long> assignedAt = new HashMap<>();
        for (CtiEvent e : history) {
            long t = e.envelope().timestamp();
            if (e instanceof TaskQueued q) {
                queueOf.put(q.taskId(), q.queueId());
                queuedAt.put(q.taskId(), t);
                n.get(q.queueId())[0]++;
                n.get(q.queueId())[8]++;
            } else if (e instanceof TaskOverflowed o) {
                n.get(o.fromQueueId())[3]++;
                n.get(o.fromQueueId())[8]--;
                if (n.containsKey(o.toQueueId())) {
                    queueOf.put(o.taskId(), o.toQueueId());
                    n.get(o.toQueueId())[0]++;
                    n.get(o.toQueueId())[8]++;
                }
            } else if (e instanceof TaskAssigned a) {
                long[] q = n.get(queueOf.get(a.taskId()));
                long waited = t - queuedAt.get(a.taskId());
                q[1]++;
                q[4] += waited <= 30_000 ? 1 : 0;
                q[5] += waited;
                q[8]--;
                assignedAt.put(a.taskId(), t);
            } else if (e instanceof TaskCompleted c && queueOf.containsKey(c.taskId())) {
                long[] q = n.get(queueOf.get(c.taskId()));
                switch (c.outcome()) {
                    case "abandoned", "ended" -> {
                        q[2]++;
                        q[8]--;
                    }
                    case "handled" -> {
                        q[6]++;
                        q[7] += t - assignedAt.get(c.taskId());
                    }
                    default -> { }
                }
            }
        }
        Map<String, Figures> out = new TreeMap<>();
        n.forEach((id, v) -> out.put(id, new Figures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], (int) v[8])));
        return out;
    }

    private static void assertNoAgentHoldsTwoCalls(List<CtiEvent> history) {
        Map<String, String> holding = new HashMap<>();
        Map<String, String> agentOf = new HashMap<>();
        for (CtiEvent e : history) {
            if (e instanceof TaskAssigned a) {
                String before = holding.put(a.agentId(), a.taskId());
                assertEquals(null, before, a.agentId() + " got " + a.taskId() + " while holding " + before);
                agentOf.put(a.taskId(), a.agentId());
            } else if (e instanceof TaskCompleted c && c.outcome().equals("handled")) {
                holding.remove(agentOf.get(c.taskId()), c.taskId());
            }
        }
    }
}

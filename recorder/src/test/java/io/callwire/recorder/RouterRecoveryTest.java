package io.callwire.recorder;

import io.callwire.adapter.simulator.SimulatorAdapter;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskQueued;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.Router;
import io.callwire.routing.RoutingQueue;
import io.callwire.routing.SkillExpression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's own state (queues, statistics, decisions) comes back from the journal, not only the call model. */
class RouterRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static Router router() {
        List<AgentProfile> agents = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            agents.add(new AgentProfile(String.format("agent-%02d", i), String.valueOf(1000 + i),
                    i <= 3 ? Map.of("sales", 5) : Map.of("support", 5)));
        }
        return new Router(List.of(
                new RoutingQueue("sales", SkillExpression.parse("sales >= 1"), Duration.ofSeconds(20)),
                new RoutingQueue("support", SkillExpression.parse("support >= 1"), Duration.ofSeconds(20))), agents);
    }

    private static Map<String, Object> figures(Router router) {
        Map<String, Object> out = new java.util.TreeMap<>(router.statistics());
        out.putAll(router.agentStatistics());
        return out;
    }

    @Test
    void routingStatisticsAndDecisionsAreRebuiltFromTheJournal() {
        Router live = router();
        List<CtiEvent> heard = new CopyOnWriteArrayList<>();
        try (CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=6&routing=library&speed=0&epoch=0&seed=21&maxCalls=150&callsPerMinute=3"
                        + "&aht=120&ring=4&patience=120&wrapUp=10&tickMillis=5000")
                .extension(live)
                .journal(ChronicleJournal.builder(dir).build())
                .listener("heard", heard::add, ListenerOptions.of(1 << 20, OverflowPolicy.DROP_NEWEST))
                .start()) {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() == 150 && engine.awaitSnapshot(WAIT).calls().isEmpty());
            sim.close();
            engine.awaitSnapshot(WAIT);
        }
        assertTrue(live.statistics().get("sales").answered() > 10, live.statistics().toString());

        Router rebuilt = router();
        List<CtiEvent> history = new ArrayList<>();
        JournalReplay.Recovery recovery = JournalReplay.history(dir, List.of(rebuilt), JournalFilter.all(), history::add);
        assertTrue(recovery.corruption().isEmpty());
        assertEquals(figures(live), figures(rebuilt), "queue and agent statistics");
        assertEquals(heard, history, "every routing decision is recomputed as listeners received it");
        List<CtiEvent> recorded = new ArrayList<>();
        JournalReplay.recorded(dir, JournalFilter.all(), recorded::add);
        assertEquals(heard, recorded, "the journal alone, with its recorded decisions, is what listeners received");
        List<CtiEvent> journaledDecisions;
        try (JournalReader reader = JournalReader.open(dir)) {
            journaledDecisions = reader.readAll(JournalFilter.all()).stream().filter(DecisionEntry.class::isInstance)
                    .map(e -> ((DecisionEntry) e).decision()).toList();
        }
        List<CtiEvent> heardDecisions = heard.stream().filter(e -> e instanceof TaskQueued || e instanceof AgentReserved
                || e instanceof TaskAssigned || e instanceof TaskCompleted).toList();
        assertEquals(heardDecisions, journaledDecisions.stream().filter(e -> e instanceof TaskQueued
                || e instanceof AgentReserved || e instanceof TaskAssigned || e instanceof TaskCompleted).toList(),
                "the journal holds every routing decision as listeners received it");
    }
}

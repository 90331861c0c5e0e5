package io.callwire.routing;

import io.callwire.core.command.MakeCall;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import io.callwire.core.model.LegState;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskQueued;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Library routing over the simulator in routing=library mode: the simulator only rings what it is told to. */
class RouterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<CtiEvent> events = new CopyOnWriteArrayList<>();
    private CtiEngine engine;

    /** Starts the engine on the simulator URI with the router inside and the test's listener. */
    private void start(Router router, String simulatorUri) {
        engine = CtiEngine.builder().switchUri(simulatorUri).extension(router)
                .listener("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST)).start();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void queuedCallsGoOnlyToAgentsWithTheSkillsAndNoAgentHoldsTwoAtOnce() throws Exception {
        Router router = new Router(
                List.of(new RoutingQueue("sales", SkillExpression.parse("billing >= 5"), Duration.ofMinutes(5))),
                List.of(new AgentProfile("agent-01", "1001", Map.of("billing", 7)),
                        new AgentProfile("agent-02", "1002", Map.of("billing", 3, "english", 9)),
                        new AgentProfile("agent-03", "1003", Map.of("billing", 5))));
        start(router, "sim:?agents=3&callsPerMinute=0&routing=library&speed=20&aht=4&ring=1&wrapUp=1"
                + "&holdRate=0&transferRate=0&consultRate=0");
        int calls = 6;
        for (int i = 0; i < calls; i++) {
            engine.execute(new MakeCall("", "+493000" + i, "sales", Map.of())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> count(TaskAssigned.class) == calls && count(CallEnded.class) == calls);

        assertEquals(calls, count(TaskQueued.class));
        Set<String> assignedAgents = assertNoAgentHoldsTwoTasks();
        assertEquals(Set.of("agent-01", "agent-03"), assignedAgents, "agent-02 lacks billing >= 5");
        QueueStatistics sales = router.statistics().get("sales");
        assertEquals(6, sales.offered());
        assertEquals(6, sales.answered());
        assertEquals(0, sales.abandoned());
        assertEquals(0, sales.waiting());
        assertTrue(sales.answeredInTime() >= 2, "the first two calls were answered at once: " + sales);
        assertTrue(sales.averageSpeedOfAnswerMillis() > 0, "later calls waited for a free agent: " + sales);
        assertEquals(0, engine.metrics().illegalTransitions());
        assertEquals(0, engine.metrics().handlerErrors());
    }

    @Test
    void aRefusedOfferGoesToTheNextAgentAndTheRefusingStationIsNotRetried() throws Exception {
        Router router = new Router(
                List.of(new RoutingQueue("sales", SkillExpression.ANY, Duration.ofMinutes(5))),
                List.of(new AgentProfile("agent-02", "1999", Map.of()), new AgentProfile("agent-01", "1001", Map.of())));
        start(router, "sim:?agents=2&callsPerMinute=0&routing=library&speed=20&aht=2&ring=1&wrapUp=1"
                + "&holdRate=0&transferRate=0&consultRate=0");
        await().atMost(WAIT).until(() -> events.stream().filter(e -> e instanceof AgentStateChanged).count() == 2);
        for (int i = 0; i < 2; i++) {
            engine.execute(new MakeCall("", "+493000" + i, "sales", Map.of())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> count(TaskAssigned.class) == 2);
        ReservationRejected rejected = events.stream().filter(ReservationRejected.class::isInstance)
                .map(ReservationRejected.class::cast).findFirst().orElseThrow();
        assertEquals("agent-02", rejected.agentId());
        assertTrue(rejected.reason().contains("unknown destination 1999"), rejected.reason());
        assertEquals(1, events.stream().filter(e -> e instanceof AgentReserved r && r.agentId().equals("agent-02")).count());
        assertTrue(events.stream().filter(TaskAssigned.class::isInstance)
                .allMatch(e -> ((TaskAssigned) e).agentId().equals("agent-01")));
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingCompletesTheTask() {
        Router router = new Router(
                List.of(new RoutingQueue("sales", SkillExpression.parse("nobody >= 1"), Duration.ofMinutes(5)),
                        new RoutingQueue("support", SkillExpression.parse("nobody >= 1"), Duration.ofMinutes(5))),
                List.of(new AgentProfile("agent-01", "1001", Map.of("billing", 5))));
        start(router, "sim:?agents=1&callsPerMinute=60&maxCalls=3&patience=5&routing=library&speed=0&epoch=0");
        await().atMost(WAIT).until(() -> count(TaskCompleted.class) == 3);
        assertTrue(events.stream().filter(TaskCompleted.class::isInstance)
                .allMatch(e -> ((TaskCompleted) e).outcome().equals("abandoned") && ((TaskCompleted) e).agentId().isEmpty()));
        assertEquals(0, count(AgentReserved.class));
        await().atMost(WAIT).until(() -> router.statistics().values().stream().mapToLong(QueueStatistics::abandoned).sum() == 3);
        for (QueueStatistics queue : router.statistics().values()) {
            assertEquals(queue.offered(), queue.abandoned());
            assertEquals(0, queue.answered());
            assertEquals(0, queue.waiting());
            assertEquals(queue.offered() == 0 ? 0.0 : 100.0, queue.abandonRatePercent());
            assertEquals(queue.offered() == 0 ? 100.0 : 0.0, queue.serviceLevelPercent());
        }
    }

    @Test
    void anUnansweredOfferIsWithdrawnAndGoesToTheNextAgent() throws Exception {
        Router router = new Router(
                List.of(new RoutingQueue("sales", SkillExpression.ANY, Duration.ofSeconds(2))),
                List.of(new AgentProfile("agent-01", "1001", Map.of()), new AgentProfile("agent-02", "1002", Map.of())));
        start(router, "sim:?agents=2&callsPerMinute=0&routing=library&speed=4&tickMillis=200"
                + "&manualAgents=agent-01,agent-02");
        for (String agent : List.of("agent-01", "agent-02")) {
            engine.login(agent, "100" + agent.charAt(7), List.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            engine.ready(agent).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        String callId = engine.execute(new MakeCall("", "+4930777", "sales", Map.of()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).callId();
        ReservationTimedOut timedOut = awaitEvent(ReservationTimedOut.class);
        assertEquals("agent-01", timedOut.agentId(), "agent-01 became ready first");
        AgentReserved second = await().atMost(WAIT).until(() -> events.stream()
                .filter(e -> e instanceof AgentReserved r && r.agentId().equals("agent-02"))
                .map(AgentReserved.class::cast).findFirst(), Optional::isPresent).orElseThrow();
        await().atMost(WAIT).until(() -> liveLegAt(callId, "1002") != null && liveLegAt(callId, "1001") == null);
        engine.answer(callId, liveLegAt(callId, "1002")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        TaskAssigned assigned = awaitEvent(TaskAssigned.class);
        assertEquals("agent-02", assigned.agentId());
        assertEquals(second.reservationId(), assigned.reservationId());
        Call call = engine.awaitSnapshot(WAIT).call(callId).orElseThrow();
        assertEquals(List.of("+4930777", "1002"), call.legs().stream()
                .filter(l -> l.state() == LegState.CONNECTED).map(Leg::deviceId).toList());
        AgentStateChanged paused = await().atMost(WAIT).until(() -> events.stream()
                .filter(e -> e instanceof AgentStateChanged a && a.agentId().equals("agent-01")
                        && a.state() == AgentState.NOT_READY && a.reason().equals("missed-offers"))
                .map(AgentStateChanged.class::cast).findFirst(), Optional::isPresent).orElseThrow();
        assertTrue(paused.sequence() > timedOut.sequence(), "the agent who let it ring out is paused");
        assertEquals(0, engine.metrics().illegalTransitions());
    }

    private String liveLegAt(String callId, String station) {
        return engine.awaitSnapshot(WAIT).call(callId).orElseThrow().legs().stream()
                .filter(l -> l.deviceId().equals(station) && !l.state().isTerminal()).map(Leg::id)
                .findFirst().orElse(null);
    }

    private <T extends CtiEvent> T awaitEvent(Class<T> type) {
        await().atMost(WAIT).until(() -> count(type) > 0);
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void aBurstOfCallsIsSharedWithoutGivingAnyAgentTwo() throws Exception {
        List<AgentProfile> profiles = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            profiles.add(new AgentProfile(String.format("agent-%02d", n), Integer.toString(1000 + n), Map.of()));
        }
        Router router = new Router(List.of(new RoutingQueue("sales", SkillExpression.ANY, Duration.ofMinutes(5))), profiles);
        start(router, "sim:?agents=10&callsPerMinute=0&routing=library&speed=50&aht=3&ring=1&wrapUp=1"
                + "&holdRate=0&transferRate=0&consultRate=0");
        await().atMost(WAIT).until(() -> count(AgentStateChanged.class) == 10);
        int calls = 100;
        List<CompletableFuture<?>> injected = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            injected.add(engine.execute(new MakeCall("", "+4930" + (100 + i), "sales", Map.of())).toCompletableFuture());
        }
        CompletableFuture.allOf(injected.toArray(new CompletableFuture<?>[0]))
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(CallEnded.class) == calls);
        assertEquals(calls, count(TaskAssigned.class));
        assertEquals(10, assertNoAgentHoldsTwoTasks().size(), "every agent took calls");
        assertEquals(calls, router.statistics().get("sales").answered());
        assertEquals(0, engine.metrics().illegalTransitions());
    }

    @Test
    void callDataGivesPriorityAndTheBestTaskIsServedFirst() throws Exception {
        TaskPriority byTier = (queue, data) -> switch (data.getOrDefault("customer.tier", "")) {
            case "platinum" -> 10;
            case "gold" -> 5;
            default -> 0;
        };
        Router router = new Router(List.of(new RoutingQueue("sales", SkillExpression.ANY, Duration.ofMinutes(5))),
                List.of(new AgentProfile("agent-01", "1001", Map.of())), byTier);
        start(router, "sim:?agents=1&callsPerMinute=0&routing=library&speed=0&manualAgents=agent-01");
        Map<String, String> callOfTier = new HashMap<>();
        for (String tier : List.of("standard", "gold", "platinum", "standard")) {
            String callId = engine.execute(new MakeCall("", "+4930" + tier.length(), "sales", Map.of("customer.tier", tier)))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).callId();
            callOfTier.putIfAbsent(tier, callId);
        }
        await().atMost(WAIT).until(() -> count(TaskQueued.class) == 4);
        assertEquals(List.of(0, 5, 10, 0), events.stream().filter(TaskQueued.class::isInstance)
                .map(e -> ((TaskQueued) e).priority()).toList());
        engine.login("agent-01", "1001", List.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        engine.ready("agent-01").toCompletableFuture().get(10, TimeUnit.SECONDS);
        AgentReserved first = awaitEvent(AgentReserved.class);
        assertEquals(callOfTier.get("platinum"), first.callId());
    }

    /** Walks the events: an agent is reserved again only after the call of its last task ended. */
    private Set<String> assertNoAgentHoldsTwoTasks() {
        Set<String> assignedAgents = new HashSet<>();
        Map<String, String> holding = new HashMap<>();
        for (CtiEvent event : events) {
            if (event instanceof AgentReserved r) {
                assertTrue(holding.putIfAbsent(r.agentId(), r.taskId()) == null,
                        r.agentId() + " reserved twice at once");
            } else if (event instanceof TaskAssigned a) {
                assignedAgents.add(a.agentId());
            } else if (event instanceof CallEnded ended) {
                holding.entrySet().removeIf(entry -> taskOfCall(entry.getValue(), ended.callId()));
            }
        }
        return assignedAgents;
    }

    private boolean taskOfCall(String taskId, String callId) {
        return events.stream().anyMatch(e -> e instanceof TaskQueued q && q.taskId().equals(taskId)
                && q.callId().equals(callId));
    }

    private long count(Class<? extends CtiEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }
}

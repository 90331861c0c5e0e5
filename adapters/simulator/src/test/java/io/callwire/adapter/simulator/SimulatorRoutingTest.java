package io.callwire.adapter.simulator;

import io.callwire.core.command.CommandResult;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code routing=library}: the simulator leaves queued calls waiting until a Redirect moves them. */
class SimulatorRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<CtiEvent> events = new CopyOnWriteArrayList<>();
    private CtiEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            assertEquals(0, engine.metrics().illegalTransitions());
            assertEquals(0, engine.metrics().untrackedEvents());
            engine.close();
        }
    }

    private void start(String query) {
        engine = CtiEngine.builder().switchUri("sim:?routing=library&agents=2&manualAgents=agent-01,agent-02&" + query)
                .listener("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST))
                .start();
    }

    private static CommandResult ok(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private List<String> liveLegs(String callId) {
        Call call = engine.awaitSnapshot(WAIT).call(callId).orElseThrow();
        return call.legs().stream().filter(l -> !l.state().isTerminal()).map(l -> l.deviceId() + " " + l.state()).toList();
    }

    private String legAt(String callId, String device) {
        return engine.awaitSnapshot(WAIT).call(callId).orElseThrow().legs().stream()
                .filter(l -> l.deviceId().equals(device) && !l.state().isTerminal()).findFirst().orElseThrow().id();
    }

    @Test
    void aQueuedCallWaitsForTheLibraryAndARefusedOfferWaitsAgain() throws Exception {
        start("callsPerMinute=0&speed=0");
        for (String agent : List.of("agent-01", "agent-02")) {
            ok(engine.login(agent, "100" + agent.charAt(7), List.of()));
            ok(engine.ready(agent));
        }
        String callId = ok(engine.makeCall("+4930777888", "sales")).callId();
        assertEquals(List.of("+4930777888 QUEUED"), liveLegs(callId), "no switch-side distribution");

        ok(engine.redirect(callId, "", "1001"));
        CallDiverted diverted = await().atMost(WAIT).until(() -> events.stream().filter(CallDiverted.class::isInstance)
                .map(CallDiverted.class::cast).findFirst(), Optional::isPresent).orElseThrow();
        assertEquals("sales", diverted.fromDeviceId());
        assertEquals("1001", diverted.toDeviceId());
        assertEquals(List.of("+4930777888 QUEUED", "1001 ALERTING"), liveLegs(callId));

        ok(engine.hangUp(callId, legAt(callId, "1001")));
        assertEquals(List.of("+4930777888 QUEUED"), liveLegs(callId), "the withdrawn offer leaves the caller waiting");
        ok(engine.redirect(callId, "", "1002"));
        ok(engine.answer(callId, legAt(callId, "1002")));
        assertEquals(List.of("+4930777888 CONNECTED", "1002 CONNECTED"), liveLegs(callId));
    }

    /**
     * Seed 6 draws this caller a first patience of 1.74 times the mean (17 s here, ample time to redirect it) and,
     * after the withdrawn offer, a second one of 0.21 times the mean (2 s).
     */
    @Test
    void aGeneratedCallerWhoseOfferIsWithdrawnWaitsAgainAndCanAbandon() throws Exception {
        start("callsPerMinute=600&maxCalls=1&seed=6&patience=10&aht=86400&speed=1");
        ok(engine.login("agent-01", "1001", List.of()));
        CallQueued queued = await().atMost(WAIT).until(() -> events.stream().filter(CallQueued.class::isInstance)
                .map(CallQueued.class::cast).findFirst(), Optional::isPresent).orElseThrow();
        String callId = queued.callId();
        ok(engine.redirect(callId, "", "1001"));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> liveLegs(callId).contains("1001 ALERTING"));

        ok(engine.hangUp(callId, legAt(callId, "1001")));
        List<String> waiting = liveLegs(callId);
        assertTrue(waiting.size() == 1 && waiting.get(0).endsWith(" QUEUED"), "the caller waits again: " + waiting);
        CallAbandoned abandoned = await().atMost(WAIT).until(() -> events.stream().filter(CallAbandoned.class::isInstance)
                .map(CallAbandoned.class::cast).findFirst(), Optional::isPresent).orElseThrow();
        assertEquals(callId, abandoned.callId());
        assertEquals(queued.queueId(), abandoned.queueId());
        assertTrue(abandoned.waitedMillis() >= 1_000, "waited while ringing too: " + abandoned.waitedMillis());
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof CallEnded && e.callId().equals(callId)));
    }
}

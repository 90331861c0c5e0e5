package io.callwire.adapter.simulator;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.Tick;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.LinkState;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter on its own, without the engine: start, events, ticks, commands and close. */
class SimulatorLifecycleTest {
    private static final long EPOCH = 1_767_225_600_000L;

    private static SimulatorAdapter simulator(String query) {
        return (SimulatorAdapter) new SimulatorProvider().create(SwitchUri.parse("sim:?" + query));
    }

    @Test
    void startsWithLinkUpAndAgentStatesAtTheEpochThenTicksOnTheVirtualClock() {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        SimulatorAdapter sim = simulator("agents=3&manualAgents=agent-02&callsPerMinute=0&speed=50&tickMillis=500&epoch=" + EPOCH);
        sim.start(events::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(Tick.class::isInstance).count() >= 4);
        } finally {
            sim.close();
        }
        LinkStateChanged up = assertInstanceOf(LinkStateChanged.class, events.get(0));
        assertEquals(LinkState.UP, up.state());
        assertEquals("simulator started", up.detail());
        assertEquals(EPOCH, up.timestamp());
        List<String> agents = events.subList(1, 4).stream().map(e -> (AgentStateChanged) e)
                .map(e -> e.agentId() + "@" + e.deviceId() + " " + e.state() + " " + e.timestamp()).toList();
        assertEquals(List.of("agent-01@1001 READY " + EPOCH, "agent-02@1002 LOGGED_OUT " + EPOCH,
                "agent-03@1003 READY " + EPOCH), agents);
        List<Long> ticks = events.stream().filter(Tick.class::isInstance).map(CtiEvent::timestamp).limit(4).toList();
        assertEquals(List.of(EPOCH + 500, EPOCH + 1000, EPOCH + 1500, EPOCH + 2000), ticks);
        assertTrue(events.stream().allMatch(e -> e.switchId().equals("sim") && e.envelope().raw() == null));
    }

    @Test
    void nothingIsPublishedAfterCloseAndCommandsAreRefused() throws Exception {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        SimulatorAdapter sim = simulator("agents=5&callsPerMinute=6000&speed=0&epoch=" + EPOCH);
        sim.start(events::add);
        CommandResult made = sim.execute(new MakeCall("+4930123456", "sales")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(made.callId().startsWith("sim-"), made.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.callsGenerated() > 100);
        sim.close();
        int size = events.size();
        assertTrue(sim.currentTime() > EPOCH);
        CompletableFuture<CommandResult> late = sim.execute(new MakeCall("+4930123456", "sales")).toCompletableFuture();
        Throwable refused = assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS)).getCause();
        assertEquals("simulator is stopped", assertInstanceOf(SwitchRejectedException.class, refused).reason());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> events.size() == size);
        sim.close();
    }

    @Test
    void aCommandInRealTimeIsStampedWithTheWallClocksVirtualTime() throws Exception {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        SimulatorAdapter sim = simulator("agents=1&manualAgents=agent-01&callsPerMinute=0&speed=1");
        sim.start(events::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(Tick.class::isInstance));
            long before = System.currentTimeMillis();
            sim.execute(new MakeCall("+4930123456", "sales")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            long after = System.currentTimeMillis();
            long stamped = events.get(events.size() - 1).timestamp();
            assertTrue(stamped >= before - 1_500 && stamped <= after + 1_500,
                    "stamped " + stamped + " within [" + before + ", " + after + "]");
            long previous = 0;
            for (CtiEvent event : events) {
                assertTrue(event.timestamp() >= previous, "time never runs backwards: " + event);
                previous = event.timestamp();
            }
            assertEquals(AgentState.LOGGED_OUT, ((AgentStateChanged) events.get(1)).state());
        } finally {
            sim.close();
        }
    }
}

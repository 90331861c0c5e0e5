package io.callwire.adapter.simulator;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineMetrics;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.Tick;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Direction;
import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTrafficTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BUSY_DAY =
            "sim:?agents=10&callsPerMinute=3&seed=42&speed=0&epoch=1767225600000&maxCalls=300&holdRate=0.3"
                    + "&transferRate=0.1&consultRate=0.1&patience=60";

    /** Runs the URI until every generated call is over; returns the events (ticks included) and the metrics. */
    private static Run runToEnd(String uri, int calls) {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        CtiEngine engine = CtiEngine.builder().switchUri(uri)
                .listener("all", events::add, ListenerOptions.of(1 << 20, OverflowPolicy.DROP_NEWEST)).start();
        try {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() == calls && idle(engine.awaitSnapshot(WAIT)));
        } finally {
            engine.close();
        }
        return new Run(new ArrayList<>(events), engine.metrics());
    }

    private static long inbound(List<CtiEvent> events) {
        return events.stream().filter(e -> e instanceof CallStarted s && s.direction() == Direction.INBOUND).count();
    }

    /** No call left and every agent ready: once all calls are generated, the simulator has nothing left to do. */
    private static boolean idle(EngineSnapshot snapshot) {
        return snapshot.calls().isEmpty() && snapshot.agents().stream().allMatch(a -> a.state() == AgentState.READY);
    }

    private record Run(List<CtiEvent> events, EngineMetrics metrics) {
        /** The events without ticks and without ring sequences, which snapshot requests of the test shift. */
        List<String> withoutTicks() {
            return events.stream().filter(e -> !(e instanceof Tick))
                    .map(e -> e.withEnvelope(e.envelope().withSequence(0)).toString()).toList();
        }

        long count(Class<? extends CtiEvent> type) {
            return events.stream().filter(type::isInstance).count();
        }
    }

    @Test
    void theSameSeedPlaysTheSameDayAndTheTrafficIsPlausible() {
        Run first = runToEnd(BUSY_DAY, 300);
        Run second = runToEnd(BUSY_DAY, 300);
        assertTrue(first.withoutTicks().equals(second.withoutTicks()), "same seed, same events");

        assertEquals(0, first.metrics().illegalTransitions(), "every simulated transition is legal");
        assertEquals(0, first.metrics().untrackedEvents());
        assertTrue(first.count(LegConnected.class) > 300, "calls are answered");
        assertTrue(first.count(LegHeld.class) > 10, "calls are held");
        assertTrue(first.count(CallAbandoned.class) > 0, "some callers give up");
        assertTrue(first.events().stream().anyMatch(e -> e instanceof CallTransferred t && t.kind() == TransferKind.BLIND));
        assertTrue(first.events().stream().anyMatch(e -> e instanceof CallTransferred t && t.kind() == TransferKind.ATTENDED));
        long consults = first.events().stream()
                .filter(e -> e instanceof CallStarted s && !s.parentCallId().isEmpty()).count();
        assertTrue(consults > 0, "agents consult each other");
        assertTrue(first.count(Tick.class) > 0);
        assertNotEquals(first.withoutTicks().subList(0, 100),
                runToEnd(BUSY_DAY.replace("seed=42", "seed=43"), 300).withoutTicks().subList(0, 100));
    }

    @Test
    void realTimePacingDeliversTheFirstCallWithinSeconds() {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        CtiEngine engine = CtiEngine.builder().switchUri("sim:?agents=3&callsPerMinute=600")
                .listener("all", events::add, ListenerOptions.of(1 << 16, OverflowPolicy.DROP_NEWEST)).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> inbound(events) > 0);
            long first = events.get(0).timestamp();
            assertTrue(Math.abs(first - System.currentTimeMillis()) < 60_000, "virtual time starts at the wall clock");
        } finally {
            engine.close();
        }
    }

    @Test
    void badParametersAreTypedErrorsNamingTheProblem() {
        SimulatorProvider provider = new SimulatorProvider();
        assertEquals("parameter agents=-1 is out of range [0.0, 10000.0]", assertThrows(InvalidSwitchUriException.class,
                () -> provider.create(SwitchUri.parse("sim:?agents=-1"))).getMessage());
        assertTrue(assertThrows(InvalidSwitchUriException.class,
                () -> provider.create(SwitchUri.parse("sim:?agnets=3"))).getMessage()
                .startsWith("unknown simulator parameter 'agnets'; known: "));
        assertTrue(assertThrows(InvalidSwitchUriException.class,
                () -> provider.create(SwitchUri.parse("sim:?speed=fast"))).getMessage().contains("speed=fast"));
        assertTrue(assertThrows(InvalidSwitchUriException.class,
                () -> provider.create(SwitchUri.parse("sim:?routing=magic"))).getMessage().contains("magic"));
    }
}

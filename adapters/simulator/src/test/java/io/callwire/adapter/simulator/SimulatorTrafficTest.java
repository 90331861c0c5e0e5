package io.callwire.adapter.simulator;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineMetrics;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.Tick;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Direction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated traffic through the real engine: reproducible for a seed, plausible, legal, paced in real time. */
class SimulatorTrafficTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** An overloaded hour: 10 agents for 120 calls a minute, so most callers give up. */
    private static final String RUSH = "sim:?agents=10&callsPerMinute=120&seed=42&speed=0&epoch=1767225600000&maxCalls=200";
    /** A busy but staffed day with more holds and transfers than the defaults. */
    private static final String BUSY_DAY =
            "sim:?agents=10&callsPerMinute=3&seed=42&speed=0&epoch=1767225600000&maxCalls=300&holdRate=0.3"
                    + "&transferRate=0.1&consultRate=0.1&patience=60";

    /** Runs the URI until every generated call is over and every agent ready; returns the events and metrics. */
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

        long transfers(TransferKind kind) {
            return events.stream().filter(e -> e instanceof CallTransferred t && t.kind() == kind).count();
        }

        /** Every call ended (derived by the engine), except consultations merged into the call they came from. */
        void assertEveryCallEnded() {
            assertEquals(count(CallStarted.class), count(CallEnded.class) + transfers(TransferKind.ATTENDED));
        }

        void assertConsistent() {
            assertEquals(0, metrics.illegalTransitions(), "every simulated transition is legal");
            assertEquals(0, metrics.untrackedEvents(), "every event belongs to a tracked call");
            assertEquals(0, metrics.handlerErrors(), "handler errors");
        }
    }

    @Test
    void theSameSeedPlaysTheSameEventsAndAnotherSeedOthers() {
        Run first = runToEnd(RUSH, 200);
        Run second = runToEnd(RUSH, 200);
        List<String> events = first.withoutTicks();
        assertEquals(events, second.withoutTicks(), "same seed, same events, timestamps included");
        assertEquals(first.events().stream().filter(Tick.class::isInstance).map(CtiEvent::timestamp).toList(),
                second.events().stream().filter(Tick.class::isInstance).map(CtiEvent::timestamp).toList());
        assertNotEquals(events, runToEnd(RUSH.replace("seed=42", "seed=43"), 200).withoutTicks());

        first.assertConsistent();
        assertEquals(200, first.events().stream().filter(e -> e instanceof CallStarted s && s.direction() == Direction.INBOUND).count());
        first.assertEveryCallEnded();
        assertTrue(first.count(CallQueued.class) >= 200, "every caller queued");
        assertTrue(first.count(LegConnected.class) >= 40, "some calls are answered: " + first.count(LegConnected.class));
        assertTrue(first.count(CallAbandoned.class) > 100, "an overloaded center loses callers");
        assertTrue(events.get(0).startsWith("LinkStateChanged["), events.get(0));
        assertTrue(first.events().stream().allMatch(e -> e.timestamp() >= 1767225600000L));
    }

    @Test
    void aBusyDayHasEveryKindOfTrafficAndStaysConsistent() {
        Run day = runToEnd(BUSY_DAY, 300);
        day.assertConsistent();
        assertEquals(300, day.events().stream().filter(e -> e instanceof CallStarted s && s.direction() == Direction.INBOUND).count());
        day.assertEveryCallEnded();
        assertTrue(day.count(LegConnected.class) > 300, "calls are answered");
        assertTrue(day.count(LegHeld.class) > 10, "calls are held");
        assertTrue(day.count(CallAbandoned.class) > 0, "some callers give up");
        assertTrue(day.transfers(TransferKind.BLIND) > 5, "blind transfers: " + day.transfers(TransferKind.BLIND));
        assertTrue(day.transfers(TransferKind.ATTENDED) > 0, "consultative transfers");
        long consultations = day.events().stream()
                .filter(e -> e instanceof CallStarted s && !s.parentCallId().isEmpty()).count();
        assertTrue(consultations >= day.transfers(TransferKind.ATTENDED));
        assertTrue(day.events().stream().filter(CallDataChanged.class::isInstance)
                .allMatch(e -> ((CallDataChanged) e).data().keySet().containsAll(List.of("ivr.choice", "customer.tier"))));
        assertTrue(day.count(Tick.class) > 0);
        long previous = 0;
        for (CtiEvent event : day.events()) {
            assertTrue(event.timestamp() >= previous, "virtual time never runs backwards: " + event);
            previous = event.timestamp();
        }
    }

    @Test
    void realTimePacingDeliversTheFirstCallWithinSeconds() {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        long before = System.currentTimeMillis();
        CtiEngine engine = CtiEngine.builder().switchUri("sim:?agents=3&callsPerMinute=600&speed=1")
                .listener("all", events::add, ListenerOptions.of(1 << 16, OverflowPolicy.DROP_NEWEST)).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .anyMatch(e -> e instanceof CallStarted s && s.direction() == Direction.INBOUND));
            long started = events.get(0).timestamp();
            assertTrue(started <= System.currentTimeMillis() && started >= before / 1000 * 1000 - 1000,
                    "virtual time starts at the wall clock, rounded down to the second: " + started);
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            assertTrue(sim.currentTime() - System.currentTimeMillis() < 5_000, "real time does not run ahead");
        } finally {
            engine.close();
        }
    }
}

package io.callwire.adapter.simulator;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineMetrics;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.model.AgentState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Busy days with many holds and transfers: every simulated transition stays legal and every call ends. */
class SimulatorSoakTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aBusyDayStaysConsistent(long seed) {
        AtomicLong events = new AtomicLong();
        CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=4&callsPerMinute=3&maxCalls=2000&speed=0&epoch=0&holdRate=0.5"
                        + "&transferRate=0.2&consultRate=0.3&patience=40&seed=" + seed)
                .listener("count", e -> events.incrementAndGet(), ListenerOptions.of(1 << 20, OverflowPolicy.DROP_NEWEST))
                .start();
        try {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> sim.callsGenerated() == 2000
                    && engine.awaitSnapshot(Duration.ofSeconds(5)).calls().isEmpty()
                    && engine.awaitSnapshot(Duration.ofSeconds(5)).agents().stream().allMatch(a -> a.state() == AgentState.READY));
            EngineMetrics metrics = engine.metrics();
            assertEquals(0, metrics.illegalTransitions(), "illegal transitions");
            assertEquals(0, metrics.untrackedEvents(), "untracked events");
            assertEquals(0, metrics.handlerErrors(), "handler errors");
            assertTrue(events.get() > 20_000, "events: " + events.get());
        } finally {
            engine.close();
        }
    }
}

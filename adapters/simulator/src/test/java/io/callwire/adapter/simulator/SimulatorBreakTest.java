package io.callwire.adapter.simulator;

import io.callwire.core.command.AgentNotReady;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.AgentState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An auto agent sent on a break by a command comes back after breakTime; with 0 it stays away. */
class SimulatorBreakTest {
    private static List<AgentStateChanged> states(List<CtiEvent> events) {
        return events.stream().filter(AgentStateChanged.class::isInstance).map(AgentStateChanged.class::cast)
                .filter(e -> e.agentId().equals("agent-01")).toList();
    }

    @Test
    void anAutoAgentComesBackAfterItsBreak() throws Exception {
        for (String breakTime : List.of("30", "0")) {
            List<CtiEvent> events = new CopyOnWriteArrayList<>();
            try (CtiEngine engine = CtiEngine.builder()
                    .switchUri("sim:?agents=1&callsPerMinute=0&speed=100&tickMillis=1000&breakTime=" + breakTime)
                    .listener("t", events::add, ListenerOptions.of(10_000, OverflowPolicy.DROP_NEWEST)).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> states(events).size() == 1);
                engine.execute(new AgentNotReady("agent-01", "missed-offers")).toCompletableFuture().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> states(events).size() >= 2);
                if (breakTime.equals("0")) {
                    long at = states(events).get(1).envelope().timestamp();
                    await().atMost(Duration.ofSeconds(10)).until(() -> events.get(events.size() - 1).envelope().timestamp() > at + 60_000);
                    assertEquals(List.of(AgentState.READY, AgentState.NOT_READY),
                            states(events).stream().map(AgentStateChanged::state).toList());
                } else {
                    await().atMost(Duration.ofSeconds(10)).until(() -> states(events).size() == 3);
                    List<AgentStateChanged> s = states(events);
                    assertEquals(AgentState.READY, s.get(2).state());
                    assertEquals(30_000, s.get(2).envelope().timestamp() - s.get(1).envelope().timestamp());
                }
            }
        }
    }
}

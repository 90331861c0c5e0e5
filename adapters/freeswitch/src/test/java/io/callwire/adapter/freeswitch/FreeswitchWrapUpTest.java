package io.callwire.adapter.freeswitch;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.model.AgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * mod_callcenter's timed wrap-up: after a queue call the agent is Waiting at once, but offered no call for its
 * wrap_up_time (from the agent list); the adapter reports WRAP_UP("wrap-up-time") until an event's time passes it.
 */
@ExtendWith(NoLeaks.class)
class FreeswitchWrapUpTest {
    private static final String AGENT = "1001@default";

    private static String agentList(String lastBridgeEnd) {
        return "name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|"
                + "reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|"
                + "last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|"
                + "external_calls_count\n"
                + AGENT + "|single_box||callback|user/1001@default|Available|Waiting|3|10|10|60|0|0|" + lastBridgeEnd
                + "|0|1763900000|0|0|0|0|0\n+OK\n";
    }

    private static AgentStateChanged last(EngineHarness h) {
        List<AgentStateChanged> all = h.of(AgentStateChanged.class);
        return all.get(all.size() - 1);
    }

    private static List<Map.Entry<String, String>> heartbeatAt(long micros) {
        return List.of(Map.entry("Event-Name", "HEARTBEAT"), Map.entry("Event-Date-Timestamp", String.valueOf(micros)));
    }

    @Test
    void anAgentIsInWrapUpForItsWrapUpTimeAfterAQueueCall() throws Exception {
        var parts = Transcript.load("callcenter-queued.esl");
        try (EngineHarness h = new EngineHarness(EngineHarness.PASSWORD, "", s -> s.agentList = () -> agentList("0"))
                .awaitResynced(1)) {
            assertEquals(AgentState.READY, h.snapshot().agent(AGENT).orElseThrow().state());
            h.replay(parts.get(0));
            h.replay(parts.get(1));
            assertEquals(AgentState.BUSY, h.snapshot().agent(AGENT).orElseThrow().state());
            h.replay(parts.get(2));   // bridge-agent-end at 1763900041 s, then state Waiting
            assertEquals(List.of(AgentState.WRAP_UP, "wrap-up-time"), List.of(last(h).state(), last(h).reason()));
            assertEquals(AgentState.WRAP_UP, h.snapshot().agent(AGENT).orElseThrow().state());

            h.replay(List.of(heartbeatAt(1763900050_900000L)));   // 9.9 s after the bridge ended: still wrapping up
            assertEquals(AgentState.WRAP_UP, h.snapshot().agent(AGENT).orElseThrow().state());
            h.replay(List.of(heartbeatAt(1763900051_000000L)));   // wrap_up_time (10 s) over
            assertEquals(AgentState.READY, h.snapshot().agent(AGENT).orElseThrow().state());
            assertEquals(1763900051000L, last(h).timestamp(), "READY at the end of the wrap-up time, not at the heartbeat");
        }
    }

    @Test
    void aResyncWithinTheWrapUpTimeResumesIt() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        try (EngineHarness h = new EngineHarness(EngineHarness.PASSWORD, "",
                s -> s.agentList = () -> agentList(String.valueOf(now))).awaitResynced(1)) {
            assertEquals(AgentState.WRAP_UP, h.snapshot().agent(AGENT).orElseThrow().state());
            assertEquals("wrap-up-time", last(h).reason());
            h.replay(List.of(heartbeatAt((now + 11) * 1_000_000)));
            assertEquals(AgentState.READY, h.snapshot().agent(AGENT).orElseThrow().state());
        }
    }
}

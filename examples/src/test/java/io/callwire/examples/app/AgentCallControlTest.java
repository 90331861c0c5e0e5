package io.callwire.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.callwire.core.command.MakeCall;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.model.Call;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.event.TransferKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desktop's call controls through the HTTP API on the simulator: answer, hold and retrieve, DTMF,
 * consultation with conference, consultation with completed transfer, hang-up and the disposition.
 */
class AgentCallControlTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<CtiEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static AgentApp app;
    private static String base;
    private static DeskSession agent;

    @BeforeAll
    static void start() throws Exception {
        app = AgentApp.start(TestApps.settings(TestApps.SWITCH));
        base = "http://127.0.0.1:" + app.port();
        app.engine().subscribe("test", EVENTS::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST));
        agent = new DeskSession(base, "agent-01");
        assertEquals(200, agent.post("state", "{\"state\":\"ready\"}").get("status").asInt());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String myState(String callId) throws Exception {
        for (JsonNode call : agent.desk().get("calls")) {
            if (call.get("id").asText().equals(callId)) {
                return call.get("myState").asText();
            }
        }
        return "none";
    }

    private static Call call(String callId) {
        return app.engine().awaitSnapshot(Duration.ofSeconds(5)).call(callId).orElseThrow();
    }

    private static String ringingCallFrom(String caller) throws Exception {
        String callId = app.engine().execute(new MakeCall("", caller, "support", Map.of("ivr.choice", "4")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).callId();
        await().atMost(WAIT).until(() -> myState(callId).equals("ALERTING"));
        return callId;
    }

    @Test
    void answerHoldRetrieveDtmfConsultConferenceAndHangUp() throws Exception {
        String callId = ringingCallFrom("+4930700001");
        agent.ok("answer", "{\"callId\":\"" + callId + "\"}");
        await().atMost(WAIT).until(() -> myState(callId).equals("CONNECTED"));

        agent.ok("hold", "{\"callId\":\"" + callId + "\"}");
        await().atMost(WAIT).until(() -> call(callId).legs().stream().anyMatch(l -> l.role() == LegRole.CALLER && l.state() == LegState.HELD));
        agent.ok("retrieve", "{\"callId\":\"" + callId + "\"}");
        await().atMost(WAIT).until(() -> call(callId).legs().stream().anyMatch(l -> l.role() == LegRole.CALLER && l.state() == LegState.CONNECTED));

        agent.ok("dtmf", "{\"callId\":\"" + callId + "\",\"digits\":\"12#\"}");
        await().atMost(WAIT).until(() -> EVENTS.stream().filter(e -> e instanceof DtmfReceived d && d.envelope().callId().equals(callId))
                .map(e -> ((DtmfReceived) e).digit()).toList().equals(List.of("1", "2", "#")));

        String consultId = agent.ok("consult", "{\"callId\":\"" + callId + "\",\"destination\":\"1003\"}").get("callId").asText();
        await().atMost(WAIT).until(() -> call(consultId).legs().stream().anyMatch(l -> l.deviceId().equals("1003") && l.state() == LegState.CONNECTED));
        agent.ok("conference", "{\"callId\":\"" + callId + "\",\"consultCallId\":\"" + consultId + "\"}");
        await().atMost(WAIT).until(() -> EVENTS.stream().anyMatch(e -> e instanceof CallConferenced c && c.envelope().callId().equals(callId)));

        agent.ok("hangup", "{\"callId\":\"" + callId + "\"}");
        await().atMost(WAIT).until(() -> agent.desk().get("pendingDispositions").findValuesAsText("callId").contains(callId));
        JsonNode order = agent.ok("disposition", "{\"callId\":\"" + callId + "\",\"category\":\"help request\",\"priority\":\"normal\","
                + "\"notes\":\"walked through the meter reset\"}").get("workOrder");
        assertEquals("help request", order.get("category").asText());
        assertEquals("agent-01", order.get("agentId").asText());
        assertTrue(agent.desk().get("pendingDispositions").isEmpty());
        agent.ok("state", "{\"state\":\"ready\"}");
    }

    @Test
    void consultThenCompleteTheTransfer() throws Exception {
        await().atMost(WAIT).until(() -> agent.desk().get("agent").get("state").asText().equals("READY"));
        String callId = ringingCallFrom("+4930700002");
        agent.ok("answer", "{\"callId\":\"" + callId + "\"}");
        await().atMost(WAIT).until(() -> myState(callId).equals("CONNECTED"));
        String consultId = agent.ok("consult", "{\"callId\":\"" + callId + "\",\"destination\":\"agent-02\"}").get("callId").asText();
        await().atMost(WAIT).until(() -> call(consultId).legs().stream().anyMatch(l -> l.deviceId().equals("1002") && l.state() == LegState.CONNECTED));
        agent.ok("complete-transfer", "{\"callId\":\"" + callId + "\",\"consultCallId\":\"" + consultId + "\"}");
        await().atMost(WAIT).until(() -> EVENTS.stream().anyMatch(e -> e instanceof CallTransferred t
                && t.envelope().callId().equals(callId) && t.kind() == TransferKind.ATTENDED));
        await().atMost(WAIT).until(() -> myState(callId).equals("none"));
        agent.ok("disposition", "{\"callId\":\"" + callId + "\",\"category\":\"query\",\"priority\":\"low\",\"ready\":true}");
    }
}

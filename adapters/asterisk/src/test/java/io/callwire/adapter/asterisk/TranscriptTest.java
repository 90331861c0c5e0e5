package io.callwire.adapter.asterisk;

import io.callwire.core.engine.EngineMetrics;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Direction;
import io.callwire.core.model.Leg;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Realistic Asterisk 20/22 transcripts (src/test/resources/transcripts) played by the test AMI server to the
 * adapter inside a real engine: the normalized event stream and the call model after each checkpoint.
 */
class TranscriptTest {
    private AmiHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static String legs(Call call) {
        return call.legs().stream().map(l -> l.id() + " " + l.deviceId() + " " + l.role() + " " + l.state())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    private void assertClean() {
        EngineMetrics m = h.engine.metrics();
        assertEquals(0, m.illegalTransitions(), m.toString());
        assertEquals(0, m.untrackedEvents(), m.toString());
        assertEquals(0, h.adapter().eventsLost());
    }

    @Test
    void queuedCallAnsweredByALocalChannelAgentIsOneAgentParty() throws Exception {
        h = AmiHarness.started("vars=IVR_CHOICE");
        h.play("queue-local-agent.ami", 0);
        assertEquals(List.of(
                "CallStarted call=1763900000.1 INBOUND ani=+4930123456 dnis=4930555100",
                "LegCreated leg=1763900000.1 CALLER INITIATED TRUNK PJSIP/provider +4930123456",
                "CallDataChanged call=1763900000.1 {IVR_CHOICE=repair}",
                "LegConnected leg=1763900000.1",
                "CallQueued leg=1763900000.1 support",
                "AgentStateChanged Local/1001@agents@Local/1001@agents RESERVED (offered support)",
                "LegCreated leg=1763900000.4 AGENT ALERTING STATION PJSIP/1001 1001",
                "LegConnected leg=1763900000.4",
                "LegConnected leg=1763900000.1",
                "AgentStateChanged Local/1001@agents@PJSIP/1001 BUSY"), h.stream());
        EngineSnapshot talking = h.snapshot();
        Call call = talking.call("1763900000.1").orElseThrow();
        assertEquals("1763900000.1 PJSIP/provider CALLER CONNECTED; 1763900000.4 PJSIP/1001 AGENT CONNECTED", legs(call));
        assertEquals(Map.of("IVR_CHOICE", "repair"), call.data());
        assertEquals(Direction.INBOUND, call.direction());
        assertEquals(1763900000120L, call.startedAt(), "the AMI Timestamp header is the event time");
        assertEquals(AgentState.BUSY, talking.agent("Local/1001@agents").orElseThrow().state());
        assertTrue(talking.queue("support").orElseThrow().waitingCallIds().isEmpty());

        h.mark();
        h.play("queue-local-agent.ami", 1);
        assertEquals(List.of(
                "LegCleared leg=1763900000.4 Normal Clearing",
                "AgentStateChanged Local/1001@agents@PJSIP/1001 READY",
                "LegCleared leg=1763900000.1 Normal Clearing",
                "CallEnded call=1763900000.1"), h.stream());
        EngineSnapshot after = h.snapshot();
        assertTrue(after.calls().isEmpty());
        assertEquals(AgentState.READY, after.agent("Local/1001@agents").orElseThrow().state());
        assertEquals("PJSIP/1001", after.agent("Local/1001@agents").orElseThrow().deviceId());
        assertClean();
    }

    @Test
    void callHeldAndRetrieved() throws Exception {
        h = AmiHarness.started("");
        h.play("hold-retrieve.ami", 0);
        Call held = h.snapshot().call("1763901000.10").orElseThrow();
        assertEquals("1763901000.10 PJSIP/1001 CALLER HELD; 1763901000.11 PJSIP/1002 CALLED CONNECTED", legs(held));
        h.play("hold-retrieve.ami", 1);
        Call retrieved = h.snapshot().call("1763901000.10").orElseThrow();
        assertEquals("1763901000.10 PJSIP/1001 CALLER CONNECTED; 1763901000.11 PJSIP/1002 CALLED CONNECTED",
                legs(retrieved));
        h.play("hold-retrieve.ami", 2);
        assertEquals(List.of(
                "CallStarted call=1763901000.10 INTERNAL ani=1001 dnis=1002",
                "LegCreated leg=1763901000.10 CALLER INITIATED STATION PJSIP/1001 1001",
                "LegCreated leg=1763901000.11 CALLED ALERTING STATION PJSIP/1002 1002",
                "LegConnected leg=1763901000.11",
                "LegConnected leg=1763901000.10",
                "LegHeld leg=1763901000.10",
                "LegRetrieved leg=1763901000.10",
                "LegCleared leg=1763901000.11 Normal Clearing",
                "LegCleared leg=1763901000.10 Normal Clearing",
                "CallEnded call=1763901000.10"), h.stream());
        assertTrue(h.snapshot().calls().isEmpty());
        assertClean();
    }

    @Test
    void blindTransferKeepsTheCallAndAddsTheNewParty() throws Exception {
        h = AmiHarness.started("");
        h.play("blind-transfer.ami", 0);
        assertEquals(List.of(
                "CallStarted call=1763902000.20 INBOUND ani=+4940777888 dnis=1001",
                "LegCreated leg=1763902000.20 CALLER INITIATED TRUNK PJSIP/provider +4940777888",
                "LegCreated leg=1763902000.21 CALLED ALERTING STATION PJSIP/1001 1001",
                "LegConnected leg=1763902000.21",
                "LegConnected leg=1763902000.20",
                "CallTransferred call=1763902000.20 BLIND by=PJSIP/1001 to=1002 old=[]",
                "LegCleared leg=1763902000.21 Normal Clearing",
                "LegCreated leg=1763902000.22 CALLED ALERTING STATION PJSIP/1002 1002",
                "LegConnected leg=1763902000.22"), h.stream());
        Call call = h.snapshot().call("1763902000.20").orElseThrow();
        assertEquals("1763902000.20 PJSIP/provider CALLER CONNECTED; 1763902000.21 PJSIP/1001 CALLED CLEARED; "
                + "1763902000.22 PJSIP/1002 CALLED CONNECTED", legs(call));
        h.play("blind-transfer.ami", 1);
        assertTrue(h.snapshot().calls().isEmpty());
        assertEquals("CallEnded call=1763902000.20", h.stream().get(h.stream().size() - 1));
        assertClean();
    }

    @Test
    void attendedTransferMergesTheConsultationIntoTheHeldCall() throws Exception {
        h = AmiHarness.started("");
        h.play("attended-transfer.ami", 0);
        EngineSnapshot consulting = h.snapshot();
        Call consult = consulting.call("1763903015.32").orElseThrow();
        assertEquals("1763903000.30", consult.parentCallId(), "the consultation names the held call");
        assertEquals("1763903000.31 PJSIP/1001 CALLED HELD",
                legs(consulting.call("1763903000.30").orElseThrow()).split("; ")[1]);
        h.mark();
        h.play("attended-transfer.ami", 1);
        assertEquals(List.of(
                "CallTransferred call=1763903000.30 ATTENDED by=PJSIP/1001 to=PJSIP/1002 old=[1763903015.32]",
                "LegCleared leg=1763903000.31 Normal Clearing",
                "LegCleared leg=1763903015.32 Normal Clearing"), h.stream());
        EngineSnapshot merged = h.snapshot();
        assertEquals(1, merged.calls().size());
        Call call = merged.calls().get(0);
        assertEquals("1763903000.30", call.id());
        assertEquals(List.of("1763903000.30", "1763903015.32"), List.copyOf(call.aliases()));
        assertEquals(List.of("PJSIP/provider", "PJSIP/1002"), call.legs().stream()
                .filter(l -> l.state() == LegState.CONNECTED).map(Leg::deviceId).toList());
        h.play("attended-transfer.ami", 2);
        assertTrue(h.snapshot().calls().isEmpty());
        assertClean();
    }

    @Test
    void abandonedQueuedCall() throws Exception {
        h = AmiHarness.started("");
        h.play("queue-abandon.ami", 0);
        EngineSnapshot waiting = h.snapshot();
        assertEquals(List.of("1763904000.40"), waiting.queue("sales").orElseThrow().waitingCallIds());
        Call call = waiting.call("1763904000.40").orElseThrow();
        assertEquals("1763904000.40 PJSIP/provider CALLER QUEUED; 1763904000.41 PJSIP/1003 AGENT ALERTING", legs(call));
        assertEquals(AgentState.RESERVED, waiting.agent("PJSIP/1003").orElseThrow().state());
        h.mark();
        h.play("queue-abandon.ami", 1);
        assertEquals(List.of(
                "CallAbandoned leg=1763904000.40 sales waited=12000",
                "LegFailed leg=1763904000.41 CANCEL",
                "LegCleared leg=1763904000.41 Answered elsewhere",
                "AgentStateChanged PJSIP/1003@PJSIP/1003 READY",
                "LegCleared leg=1763904000.40 Normal Clearing",
                "CallEnded call=1763904000.40"), h.stream());
        EngineSnapshot after = h.snapshot();
        assertTrue(after.calls().isEmpty());
        assertTrue(after.queue("sales").orElseThrow().waitingCallIds().isEmpty());
        assertEquals(AgentState.READY, after.agent("PJSIP/1003").orElseThrow().state());
        assertClean();
    }

    @Test
    void recordedCallWithDtmf() throws Exception {
        h = AmiHarness.started("");
        h.play("mixmonitor.ami", 0);
        assertEquals(List.of(
                "CallStarted call=1763905000.50 INTERNAL ani=1004 dnis=1005",
                "LegCreated leg=1763905000.50 CALLER INITIATED STATION PJSIP/1004 1004",
                "RecordingStarted leg=1763905000.50 1763905000.50 /var/spool/asterisk/monitor/1763905000.50.wav",
                "LegCreated leg=1763905000.51 CALLED ALERTING STATION PJSIP/1005 1005",
                "LegConnected leg=1763905000.51",
                "LegConnected leg=1763905000.50",
                "DtmfReceived leg=1763905000.51 5",
                "LegCleared leg=1763905000.51 Normal Clearing",
                "RecordingStopped leg=1763905000.50 1763905000.50",
                "LegCleared leg=1763905000.50 Normal Clearing",
                "CallEnded call=1763905000.50"), h.stream());
        assertClean();
    }

    @Test
    void twoCallsHangingUpInTheSameMillisecondBothEnd() throws Exception {
        h = AmiHarness.started("");
        h.play("same-millisecond.ami", 0);
        assertEquals(2, h.snapshot().calls().size());
        h.mark();
        h.play("same-millisecond.ami", 1);
        List<String> stream = h.stream();
        assertEquals(List.of(
                "LegCleared leg=1763906000.61 Normal Clearing",
                "LegCleared leg=1763906000.63 Normal Clearing",
                "LegCleared leg=1763906000.62 Normal Clearing",
                "CallEnded call=1763906000.62",
                "LegCleared leg=1763906000.60 Normal Clearing",
                "CallEnded call=1763906000.60"), stream);
        long sameTime = h.events.stream().filter(e -> e instanceof io.callwire.core.event.LegCleared)
                .filter(e -> e.timestamp() == h.events.stream()
                        .filter(x -> x instanceof io.callwire.core.event.LegCleared).findFirst().orElseThrow().timestamp())
                .count();
        assertEquals(4, sameTime, "all four hangups carry the same AMI Timestamp");
        assertTrue(h.snapshot().calls().isEmpty());
        assertClean();
    }

    @Test
    void agentStatesFromQueueMembershipOffersAndAnAgentCompleteWithoutTheCallersChannel() throws Exception {
        h = AmiHarness.started("");
        h.play("agent-states.ami", 0);
        assertEquals(List.of(
                "AgentStateChanged PJSIP/1002@PJSIP/1002 READY",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 NOT_READY (lunch)"), h.stream());
        h.mark();
        h.play("agent-states.ami", 1);
        assertEquals(List.of(
                "AgentStateChanged PJSIP/1002@PJSIP/1002 READY",
                "CallStarted call=1763908800.70 INBOUND ani=+4930111222 dnis=4930555100",
                "LegCreated leg=1763908800.70 CALLER INITIATED TRUNK PJSIP/provider +4930111222",
                "LegConnected leg=1763908800.70",
                "CallQueued leg=1763908800.70 support",
                "LegCreated leg=1763908800.71 AGENT ALERTING STATION PJSIP/1002 1002",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 RESERVED (offered support)",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 READY (ring no answer)",
                "LegFailed leg=1763908800.71 NOANSWER",
                "LegCleared leg=1763908800.71 No user responding"), h.stream());
        EngineSnapshot rangOut = h.snapshot();
        assertEquals(List.of("1763908800.70"), rangOut.queue("support").orElseThrow().waitingCallIds());
        assertEquals(AgentState.READY, rangOut.agent("PJSIP/1002").orElseThrow().state());
        h.mark();
        h.play("agent-states.ami", 2);
        assertEquals(List.of(
                "LegCreated leg=1763908800.72 AGENT ALERTING STATION PJSIP/1002 1002",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 RESERVED (offered support)",
                "LegConnected leg=1763908800.72",
                "LegConnected leg=1763908800.70",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 BUSY"), h.stream());
        h.mark();
        h.play("agent-states.ami", 3);
        assertEquals(List.of(
                "LegCleared leg=1763908800.72 Normal Clearing",
                "LegCleared leg=1763908800.70 Normal Clearing",
                "CallEnded call=1763908800.70",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 READY",
                "AgentStateChanged PJSIP/1002@PJSIP/1002 LOGGED_OUT (removed from support)"), h.stream());
        EngineSnapshot after = h.snapshot();
        assertTrue(after.calls().isEmpty());
        assertEquals(AgentState.LOGGED_OUT, after.agent("PJSIP/1002").orElseThrow().state());
        assertClean();
    }

    @Test
    void legRolesComeFromTheDialNotFromTheChannelName() throws Exception {
        h = AmiHarness.started("");
        h.play("queue-local-agent.ami", 0);
        assertTrue(h.snapshot().calls().get(0).legs().stream().noneMatch(l -> l.deviceId().startsWith("Local/")),
                "Local channels are never legs");
        assertEquals(LegRole.AGENT, h.snapshot().calls().get(0).legs().get(1).role());
    }
}

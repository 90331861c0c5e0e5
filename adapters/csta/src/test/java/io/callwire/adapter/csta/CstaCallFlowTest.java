package io.callwire.adapter.csta;

import io.callwire.core.engine.EngineMetrics;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegFailed;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Realistic sequences played by the switch emulator, each event reported through every monitor of a device in the
 * call, through a real engine: the normalized events in order and the engine's model.
 */
class CstaCallFlowTest {
    private static final String ANI = "+4930123456";
    private CstaHarness h;

    @BeforeEach
    void start() throws InterruptedException {
        h = new CstaHarness("").awaitResynced(1);
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void inboundCallQueuedDeliveredAnsweredHeldConsultedAndTransferredKeepsOneCall() {
        int from = h.events.size();
        String c1 = h.pbx.inboundQueued(ANI, "5000", "00001002161234567890", "ticket=42");
        h.await(CallQueued.class, e -> e.callId().equals(c1));
        assertEquals(List.of(c1), h.snapshot().queue("5000").orElseThrow().waitingCallIds());
        h.pbx.deliver(c1, "1001");
        h.pbx.answer(c1, "1001");
        h.pbx.hold(c1, "1001");
        h.pbx.retrieve(c1, "1001");
        String c2 = h.pbx.consult(c1, "1001", "1002");
        h.pbx.answer(c2, "1002");
        String c3 = h.pbx.transfer(c1, c2, "1001");
        h.await(CallTransferred.class, e -> true);
        EngineSnapshot mid = h.snapshot();
        assertEquals(1, mid.calls().size(), mid.calls().toString());
        Call call = mid.call(c1).orElseThrow();
        assertEquals(Set.of(c1, c2, c3, "00001002161234567890"), call.aliases(), "CSTA call ids and the UCID");
        assertEquals(Map.of("ucid", "00001002161234567890", "uui", "ticket=42"), call.data());
        assertEquals(ANI, call.ani());
        assertEquals("5000", call.dnis());
        assertEquals(Map.of(c1 + ":" + ANI, "CONNECTED", c1 + ":1001", "CLEARED", c2 + ":1001", "CLEARED",
                c2 + ":1002", "CONNECTED"), states(call));
        assertTrue(mid.queue("5000").orElseThrow().waitingCallIds().isEmpty());
        h.pbx.hangUp(c3, "1002");
        h.await(CallEnded.class, e -> e.callId().equals(c1));
        assertEquals(List.of(
                "CallStarted 101 INBOUND +4930123456>5000",
                "LegCreated 101 101:+4930123456 CALLER INITIATED TRUNK",
                "CallQueued 101 101:+4930123456 5000",
                "CallDataChanged 101 {ucid=00001002161234567890, uui=ticket=42}",
                "CallAliased 101 00001002161234567890",
                "LegCreated 101 101:1001 AGENT ALERTING STATION",
                "LegAlerting 101 101:1001",
                "LegConnected 101 101:1001",
                "LegConnected 101 101:+4930123456",
                "LegHeld 101 101:1001",
                "LegRetrieved 101 101:1001",
                "LegHeld 101 101:1001",
                "LegCreated 102 102:1001 CALLER INITIATED STATION",
                "CallStarted 102 INTERNAL 1001>1002 parent=101",
                "LegCreated 102 102:1002 CALLED ALERTING STATION",
                "LegAlerting 102 102:1002",
                "LegConnected 102 102:1002",
                "LegConnected 102 102:1001",
                "CallTransferred 101 [101, 102] ATTENDED 1001>1002",
                "LegCleared 101 101:1001 transferred",
                "LegCleared 101 102:1001 transferred",
                "LegCleared 101 102:1002 normalClearing",
                "LegCleared 101 101:+4930123456 normalClearing",
                "CallEnded 101 normalClearing"), h.lines(from));
        assertTrue(h.snapshot().calls().isEmpty());
        assertClean();
    }

    @Test
    void conferenceJoinsTheHeldCallAndTheConsultation() {
        int from = h.events.size();
        String c1 = h.pbx.inboundQueued(ANI, "5000", "", "");
        h.pbx.deliver(c1, "1001");
        h.pbx.answer(c1, "1001");
        String c2 = h.pbx.consult(c1, "1001", "1003");
        h.pbx.answer(c2, "1003");
        String c3 = h.pbx.conference(c1, c2, "1001");
        CallConferenced conf = h.await(CallConferenced.class, e -> true);
        assertEquals(c1, conf.callId());
        assertEquals(List.of(c1, c2), conf.oldCallIds());
        assertEquals(List.of(ANI, "1001", "1003"), conf.partyDeviceIds());
        Call call = h.snapshot().call(c1).orElseThrow();
        assertEquals(Set.of(c1, c2, c3), call.aliases());
        assertEquals(Map.of(c1 + ":" + ANI, "CONNECTED", c1 + ":1001", "CONNECTED", c2 + ":1001", "CLEARED",
                c2 + ":1003", "CONNECTED"), states(call));
        h.pbx.hangUp(c3, "1003");
        h.pbx.hangUp(c3, "1001");
        h.await(CallEnded.class, e -> e.callId().equals(c1));
        List<String> tail = h.lines(from);
        assertEquals(List.of(
                "CallConferenced 101 [101, 102] [+4930123456, 1001, 1003]",
                "LegCleared 101 102:1001 conferenced",
                "LegRetrieved 101 101:1001",
                "LegCleared 101 102:1003 normalClearing",
                "LegCleared 101 101:1001 normalClearing",
                "LegCleared 101 101:+4930123456 normalClearing",
                "CallEnded 101 normalClearing"), tail.subList(tail.indexOf("CallConferenced 101 [101, 102] [+4930123456, 1001, 1003]"), tail.size()));
        assertClean();
    }

    @Test
    void aBusyDestinationFailsTheCalledLegWithTheSwitchsCause() {
        int from = h.events.size();
        String id = h.pbx.dialBusy("1001", "1002");
        LegFailed failed = h.await(LegFailed.class, e -> e.callId().equals(id));
        assertEquals("busy", failed.cause());
        Call call = h.snapshot().call(id).orElseThrow();
        assertEquals(Map.of(id + ":1001", "INITIATED", id + ":1002", "FAILED"), states(call));
        h.pbx.hangUp(id, "1001");
        h.await(CallEnded.class, e -> e.callId().equals(id));
        assertEquals(List.of(
                "LegCreated 101 101:1001 CALLER INITIATED STATION",
                "CallStarted 101 INTERNAL 1001>1002",
                "LegCreated 101 101:1002 CALLED INITIATED STATION",
                "LegFailed 101 101:1002 busy",
                "LegCleared 101 101:1001 normalClearing",
                "CallEnded 101 normalClearing"), h.lines(from));
        assertClean();
    }

    @Test
    void aCallerWhoHangsUpInTheQueueAbandonsIt() {
        int from = h.events.size();
        String id = h.pbx.inboundQueued(ANI, "5000", "", "");
        h.await(CallQueued.class, e -> e.callId().equals(id));
        assertEquals(List.of(id), h.snapshot().queue("5000").orElseThrow().waitingCallIds());
        h.pbx.hangUp(id, ANI);
        h.await(CallEnded.class, e -> e.callId().equals(id));
        assertEquals(List.of(
                "CallStarted 101 INBOUND +4930123456>5000",
                "LegCreated 101 101:+4930123456 CALLER INITIATED TRUNK",
                "CallQueued 101 101:+4930123456 5000",
                "CallAbandoned 101 101:+4930123456 5000",
                "LegCleared 101 101:+4930123456 normalClearing",
                "CallEnded 101 normalClearing"), h.lines(from));
        assertTrue(h.snapshot().queue("5000").orElseThrow().waitingCallIds().isEmpty());
        assertClean();
    }

    @Test
    void aCallIdTheSwitchRecyclesBeginsANewCall() {
        String first = h.pbx.dialBusy("1001", "1002");
        h.pbx.hangUp(first, "1001");
        h.await(CallEnded.class, e -> e.callId().equals(first));
        h.pbx.recycleCallIds(first);
        String again = h.pbx.inboundQueued(ANI, "5000", "", "");
        assertEquals(first, again);
        h.pbx.deliver(again, "1003");
        h.await(LegAlerting.class, e -> e.legId().equals(again + ":1003"));
        Call call = h.snapshot().call(again).orElseThrow();
        assertEquals(Map.of(again + ":" + ANI, "QUEUED", again + ":1003", "ALERTING"), states(call));
        assertClean();
    }

    @Test
    void agentEventsBecomeAgentStatesWithReasonCodes() {
        int from = h.events.size();
        h.pbx.agentEvent("AgentLoggedOnEvent", "2001", "1001", "");
        h.pbx.agentEvent("AgentReadyEvent", "2001", "1001", "");
        h.pbx.agentEvent("AgentBusyEvent", "2001", "1001", "");
        h.pbx.agentEvent("AgentWorkingAfterCallEvent", "2001", "1001", "7");
        h.pbx.agentEvent("AgentNotReadyEvent", "2001", "1001", "3");
        h.pbx.agentEvent("AgentLoggedOffEvent", "2001", "1001", "");
        h.await(AgentStateChanged.class, e -> e.state() == AgentState.LOGGED_OUT);
        assertEquals(List.of(
                "AgentStateChanged 2001@1001 NOT_READY",
                "AgentStateChanged 2001@1001 READY",
                "AgentStateChanged 2001@1001 BUSY",
                "AgentStateChanged 2001@1001 WRAP_UP 7",
                "AgentStateChanged 2001@1001 NOT_READY 3",
                "AgentStateChanged 2001@1001 LOGGED_OUT"), h.lines(from));
        assertEquals(AgentState.LOGGED_OUT, h.snapshot().agent("2001").orElseThrow().state());
    }

    @Test
    void anAgentEventWithoutAgentDeviceBelongsToTheStationOfItsMonitor() {
        h.pbx.sendEvent(io.callwire.adapter.csta.XmlElement.of("AgentReadyEvent",
                io.callwire.adapter.csta.XmlElement.leaf("monitorCrossRefID", "2"),
                io.callwire.adapter.csta.XmlElement.leaf("agentID", "2002")));
        AgentStateChanged ready = h.await(AgentStateChanged.class, e -> e.agentId().equals("2002"));
        assertEquals("1002", ready.deviceId());
        assertEquals(AgentState.READY, ready.state());
    }

    @Test
    void eventsReportedThroughSeveralMonitorsAreAppliedOnce() {
        int from = h.events.size();
        String id = h.pbx.inboundQueued(ANI, "5000", "", "");
        h.pbx.deliver(id, "1001");
        h.await(LegAlerting.class, e -> e.legId().equals(id + ":1001"));
        h.pbx.answer(id, "1001");
        h.pbx.hangUp(id, "1001");
        h.await(CallEnded.class, e -> e.callId().equals(id));
        assertEquals(1, h.lines(from).stream().filter(l -> l.startsWith("LegConnected 101 101:1001")).count());
        assertTrue(h.engine.adapter("aes", CstaAdapter.class).orElseThrow().duplicates() > 0);
        assertClean();
    }

    private void assertClean() {
        EngineMetrics m = h.engine.metrics();
        assertEquals(0, m.illegalTransitions(), m.toString());
        assertEquals(0, m.untrackedEvents(), m.toString());
    }

    static Map<String, String> states(Call call) {
        return call.legs().stream().collect(Collectors.toMap(Leg::id, l -> l.state().name(), (a, b) -> a, TreeMap::new));
    }
}

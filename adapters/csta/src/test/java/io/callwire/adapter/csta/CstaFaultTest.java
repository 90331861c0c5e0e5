package io.callwire.adapter.csta;

import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.Call;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.callwire.adapter.csta.XmlElement.leaf;
import static io.callwire.adapter.csta.XmlElement.of;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input, refusals and lost connections: clear errors, the link recovers, and the model loses nothing. */
class CstaFaultTest {
    private static final String ANI = "+4930123456";
    private CstaHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aRefusedSessionIsADownLinkWithTheReasonAndTheAdapterRetriesWithBackoff() throws Exception {
        CstaSwitchEmulator pbx = new CstaSwitchEmulator();
        pbx.refuseSessions(2);
        h = new CstaHarness(pbx, "").awaitResynced(1);
        LinkStateChanged first = h.all(LinkStateChanged.class).get(0);
        assertEquals(LinkState.DOWN, first.state());
        assertEquals("session refused: definedError: invalidApplicationInfo", first.detail());
        assertEquals(3, pbx.requests.stream().filter("StartApplicationSession"::equals).count());
        assertEquals(1, h.links(LinkState.DOWN));
        assertTrue(h.events.stream().map(e -> e instanceof LinkStateChanged l ? l.detail() : "")
                .noneMatch(d -> d.contains(CstaSwitchEmulator.PASSWORD)));
    }

    @Test
    void aWrongPasswordNeverConnectsAndRetriesSlowly() throws Exception {
        CstaSwitchEmulator pbx = new CstaSwitchEmulator();
        pbx.refuseSessions(1_000);
        h = new CstaHarness(pbx, "");
        h.await(LinkStateChanged.class, l -> l.state() == LinkState.DOWN);
        long attempts = pbx.requests.size();
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> true);
        long later = pbx.requests.size();
        assertTrue(later - attempts <= 6, "attempts in 600 ms with backoff 50..200 ms: " + (later - attempts));
        assertEquals(0, h.links(LinkState.UP));
    }

    @Test
    void aFrameLengthBelowTheHeaderDropsTheLinkWhichRecoversWithTheCallIntact() {
        h = harness("");
        String id = answered("1001");
        h.pbx.sendBytes(new byte[]{0, 0, 0, 5, '0', '0', '0', '1'});
        LinkStateChanged down = h.await(LinkStateChanged.class, l -> l.state() == LinkState.DOWN);
        assertEquals("connection dropped: frame length 5 is below the 8-byte header", down.detail());
        h.awaitResynced(2);
        assertEquals(1, h.links(LinkState.DOWN));
        Call call = h.snapshot().call(id).orElseThrow();
        assertEquals(Map.of(id + ":" + ANI, "CONNECTED", id + ":1001", "CONNECTED"), CstaCallFlowTest.states(call));
        assertEquals(2, h.pbx.sessionsStarted(), "started, then resumed");
        assertEquals(List.of("S1", "S1"), sessionIds());
        assertEquals(4, h.pbx.requests.stream().filter("MonitorStart"::equals).count(), "resumed monitors kept");
        assertEquals(List.of("session S1, monitoring 4 of 4 devices", "session S1 resumed, monitoring 4 of 4 devices"),
                h.all(LinkStateChanged.class).stream().filter(l -> l.state() == LinkState.UP).map(LinkStateChanged::detail).toList());
        h.pbx.hangUp(id, "1001");
        h.await(CallEnded.class, e -> e.callId().equals(id));
        assertEquals(0, h.engine.metrics().illegalTransitions());
    }

    @Test
    void aLengthAboveTheBytesSentTimesOutTheFrameAndTheLinkRecovers() {
        h = harness("&frameTimeout=200");
        String id = answered("1001");
        h.pbx.sendBytes(new byte[]{0, 0, (byte) 0x01, (byte) 0xF4, '0', '0', '0', '1', '<', 'a', '>'});
        LinkStateChanged down = h.await(LinkStateChanged.class, l -> l.state() == LinkState.DOWN);
        assertEquals("connection dropped: a frame stayed incomplete for 200 ms with 11 bytes received"
                + " (the header states more bytes than were sent)", down.detail());
        h.awaitResynced(2);
        assertEquals(Map.of(id + ":" + ANI, "CONNECTED", id + ":1001", "CONNECTED"),
                CstaCallFlowTest.states(h.snapshot().call(id).orElseThrow()));
    }

    @Test
    void aFrameThatSwallowsLaterEventsBreaksTheStreamAndTheResyncClearsWhatEndedMeanwhile() {
        h = harness("");
        String id = answered("1001");
        h.pbx.sendBytes(new byte[]{0, 0, (byte) 0x01, (byte) 0xF4, '0', '0', '0', '1', '<', 'a', '>'});
        h.pbx.hangUp(id, "1001");
        LinkStateChanged down = h.await(LinkStateChanged.class, l -> l.state() == LinkState.DOWN);
        assertTrue(down.detail().startsWith("connection dropped: frame header version"), down.detail());
        h.awaitResynced(2);
        LegCleared cleared = h.await(LegCleared.class, e -> e.legId().equals(id + ":1001"));
        assertTrue(cleared.synthetic());
        assertEquals("resync", cleared.cause());
        CallEnded ended = h.await(CallEnded.class, e -> e.callId().equals(id));
        assertTrue(ended.synthetic());
        assertTrue(h.snapshot().calls().isEmpty());
        assertEquals(0, h.engine.metrics().illegalTransitions());
    }

    @Test
    void invalidXmlIsARawEventAndAResyncWithoutDroppingTheLink() {
        h = harness("");
        h.pbx.sendFrame(9999, "<DeliveredEvent><oops></DeliveredEvent>");
        RawEvent raw = h.await(RawEvent.class, e -> e.vendorType().equals("csta.invalid-xml"));
        assertEquals("9999", raw.fields().get("invokeId"));
        assertTrue(raw.fields().get("error").startsWith("malformed XML"), raw.fields().toString());
        h.await(LinkStateChanged.class, l -> l.state() == LinkState.EVENTS_LOST);
        h.awaitResynced(2);
        assertEquals(0, h.links(LinkState.DOWN));
        String id = answered("1002");
        assertTrue(h.snapshot().call(id).isPresent());
    }

    @Test
    void anUnknownEventElementIsPassedOnAsARawEvent() {
        h = harness("");
        h.pbx.sendEvent(of("VendorSpecificEvent", leaf("monitorCrossRefID", "1"), of("detail", leaf("code", "42"),
                leaf("code", "43"))));
        RawEvent raw = h.await(RawEvent.class, e -> e.vendorType().equals("VendorSpecificEvent"));
        assertEquals(Map.of("monitorCrossRefID", "1", "detail/code", "42", "detail/code[2]", "43"), raw.fields());
        assertTrue(raw.envelope().raw().contains("VendorSpecificEvent"));
        assertEquals("1001", raw.deviceId(), "the device of monitor cross reference 1");
    }

    @Test
    void aResponseForAnUnknownInvokeIdIsReportedAndTheLinkGoesOn() {
        h = harness("");
        h.pbx.sendFrame(4321, "<MakeCallResponse><callingDevice><callID>7</callID></callingDevice></MakeCallResponse>");
        RawEvent raw = h.await(RawEvent.class, e -> e.vendorType().equals("csta.unmatched-response"));
        assertEquals(Map.of("invokeId", "4321", "element", "MakeCallResponse"), raw.fields());
        assertEquals(0, h.links(LinkState.DOWN));
        answered("1001");
    }

    @Test
    void afterADropTheResumedSessionResyncsCallsThatEndedOrBeganWhileDown() {
        h = harness("");
        String gone = answered("1001");
        String[] born = new String[1];
        h.pbx.dropClientWhile(() -> {
            h.pbx.hangUp(gone, "1001");
            born[0] = h.pbx.inboundQueued(ANI, "5000", "", "");
            h.pbx.deliver(born[0], "1002");
        });
        h.awaitResynced(2);
        CallEnded ended = h.await(CallEnded.class, e -> e.callId().equals(gone));
        assertTrue(ended.synthetic());
        LegAlerting ringing = h.await(LegAlerting.class, e -> e.callId().equals(born[0]));
        assertTrue(ringing.synthetic());
        h.await(CallQueued.class, e -> e.callId().equals(born[0]));
        h.pbx.answer(born[0], "1002");
        h.await(LegConnected.class, e -> e.legId().equals(born[0] + ":1002"));
        Call call = h.snapshot().call(born[0]).orElseThrow();
        assertEquals(Map.of(born[0] + ":" + ANI, "CONNECTED", born[0] + ":1002", "CONNECTED", born[0] + ":5000", "CLEARED"),
                CstaCallFlowTest.states(call));
        assertEquals(List.of("S1", "S1"), sessionIds());
        assertEquals(0, h.engine.metrics().illegalTransitions());
    }

    @Test
    void withoutResumeANewSessionStartsEveryMonitorAgain() {
        h = harness("");
        h.pbx.allowResume(false);
        String id = answered("1001");
        h.pbx.dropClientWhile(() -> { });
        h.awaitResynced(2);
        assertEquals(2, h.pbx.sessionsStarted());
        assertEquals(8, h.pbx.requests.stream().filter("MonitorStart"::equals).count());
        assertEquals(List.of("1001", "1002", "1003", "5000"), List.copyOf(h.pbx.monitoredDevices()));
        assertTrue(h.snapshot().call(id).isPresent());
    }

    @Test
    void anEndedMonitorIsRestartedAndResynced() {
        h = harness("");
        h.pbx.endMonitor("1002");
        h.await(LinkStateChanged.class, l -> l.state() == LinkState.EVENTS_LOST && l.detail().contains("1002"));
        h.awaitResynced(2);
        assertEquals(5, h.pbx.requests.stream().filter("MonitorStart"::equals).count());
        answered("1002");
    }

    @Test
    void aRefusedMonitorIsRetriedWhileTheSessionLasts() throws Exception {
        CstaSwitchEmulator pbx = new CstaSwitchEmulator();
        pbx.reject("MonitorStart", "operation", "invalidDeviceID");
        h = new CstaHarness(pbx, "").awaitResynced(2);
        LinkStateChanged up = h.await(LinkStateChanged.class, l -> l.state() == LinkState.UP);
        assertEquals("session S1, monitoring 3 of 4 devices", up.detail());
        assertEquals(List.of("1002", "1003", "5000", "1001"), List.copyOf(pbx.monitoredDevices()));
        assertEquals(5, pbx.requests.stream().filter("MonitorStart"::equals).count());
        answered("1001");
    }

    @Test
    void systemStatusMessagesLostResyncsAndIsAcknowledged() {
        h = harness("");
        h.pbx.systemStatus("messagesLost");
        h.await(LinkStateChanged.class, l -> l.state() == LinkState.EVENTS_LOST);
        h.awaitResynced(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> h.pbx.requests.contains("SystemStatusResponse"));
        h.pbx.systemStatus("disabled");
        h.await(LinkStateChanged.class, l -> l.state() == LinkState.DOWN);
        h.pbx.systemStatus("enabled");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.links(LinkState.UP) == 2);
    }

    @Test
    void theSessionIsKeptAliveAndAnUnansweredKeepAliveReconnects() {
        h = harness("&sessionSeconds=3&requestTimeout=1000");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.pbx.requests.contains("ResetApplicationSessionTimer"));
        XmlElement keepAlive = h.pbx.bodies.stream().filter(b -> b.name().equals("ResetApplicationSessionTimer")).findFirst().orElseThrow();
        List<String> ids = h.pbx.sessionIds();
        assertEquals(ids.get(ids.size() - 1), keepAlive.text("sessionID"));
        h.pbx.ignore("ResetApplicationSessionTimer");
        h.await(LinkStateChanged.class, l -> l.state() == LinkState.DOWN && l.detail().startsWith("connection dropped: keep-alive failed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> h.pbx.requests.stream().filter("StartApplicationSession"::equals).count() >= 2);
    }

    @Test
    void closingStopsTheMonitorsAndTheSession() {
        h = harness("");
        h.engine.close();
        assertEquals(4, h.pbx.requests.stream().filter("MonitorStop"::equals).count());
        assertTrue(h.pbx.requests.contains("StopApplicationSession"));
        assertFalse(h.pbx.connected());
    }

    /** The session ids the emulator handed out, in order (a resume repeats one). */
    private List<String> sessionIds() {
        return h.pbx.sessionIds();
    }

    private CstaHarness harness(String extra) {
        try {
            return new CstaHarness(extra).awaitResynced(1);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String answered(String station) {
        String id = h.pbx.inboundQueued(ANI, "5000", "", "");
        h.pbx.deliver(id, station);
        h.pbx.answer(id, station);
        h.await(LegConnected.class, e -> e.legId().equals(id + ":" + station));
        return id;
    }
}

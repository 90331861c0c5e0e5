package io.callwire.adapter.freeswitch;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.callwire.adapter.freeswitch.EngineHarness.leg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replays FreeSWITCH 1.10 transcripts through the test ESL server into a real engine. */
@ExtendWith(NoLeaks.class)
class FreeswitchTranscriptTest {
    static final String A = "a1a1a1a1-0000-4000-8000-000000000001";
    static final String B = "b2b2b2b2-0000-4000-8000-000000000002";
    static final String C = "c3c3c3c3-0000-4000-8000-000000000003";
    static final String B2 = "d4d4d4d4-0000-4000-8000-000000000004";
    static final long T0_MS = 1763900000000L;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void inboundCallAnsweredAndBridgedToAnAgent(String format) throws Exception {
        var parts = Transcript.load("inbound-answered-bridged.esl");
        try (EngineHarness h = new EngineHarness("format=" + format).awaitResynced(1)) {
            assertTrue(h.server.subscriptionLines.peek().startsWith("event " + format + " CHANNEL_CREATE "));
            h.replay(parts.get(0));
            Call call = h.call(A);
            assertEquals(Set.of(A), call.aliases());
            assertEquals(Direction.INBOUND, call.direction());
            assertEquals("+4930123456", call.ani());
            assertEquals("5000", call.dnis());
            assertEquals(Map.of("tier", "gold"), call.data());
            assertEquals(T0_MS + 200, call.startedAt(), "time from Event-Date-Timestamp");
            assertEquals(LegState.CONNECTED, leg(call, A).state());
            assertEquals(LegRole.CALLER, leg(call, A).role());
            assertEquals("+4930123456", leg(call, A).deviceId());
            assertEquals(LegState.CONNECTED, leg(call, B).state());
            assertEquals(LegRole.CALLED, leg(call, B).role());
            assertEquals("1001", leg(call, B).deviceId());
            LegCreated agentLeg = h.of(LegCreated.class).get(1);
            assertEquals(DeviceType.STATION, agentLeg.deviceType());
            assertEquals(DeviceType.TRUNK, h.of(LegCreated.class).get(0).deviceType());
            assertEquals(List.of(B), h.of(LegAlerting.class).stream().map(CtiEvent::legId).toList());
            assertEquals("5", h.of(DtmfReceived.class).get(0).digit());
            assertEquals("/var/lib/freeswitch/recordings/" + A + ".wav", h.of(RecordingStarted.class).get(0).location());

            h.replay(parts.get(1));
            assertEquals(1, h.of(RecordingStopped.class).size());
            assertTrue(h.of(CallDataChanged.class).stream().anyMatch(d -> d.data().equals(Map.of("ticket", "T-4711"))),
                    "final call data from CHANNEL_HANGUP_COMPLETE");
            assertEquals(List.of(A, B), h.of(LegCleared.class).stream().map(CtiEvent::legId).toList());
            assertEquals("NORMAL_CLEARING", h.of(LegCleared.class).get(0).cause());
            assertEquals(1, h.of(CallEnded.class).size());
            assertTrue(h.snapshot().calls().isEmpty());
            assertClean(h);
            assertCallEventsInSwitchOrder(h);

            // late events of a cleared channel (RECORD_STOP after the hangup, a stray DTMF) do not revive the call
            h.replay(List.of(parts.get(1).get(0), parts.get(0).get(6)));   // RECORD_STOP, DTMF
            assertEquals(2, h.of(RecordingStopped.class).size());
            assertEquals(A, h.of(RecordingStopped.class).get(1).callId());
            assertEquals(1, h.of(CallStarted.class).size());
            assertTrue(h.snapshot().calls().isEmpty());
            assertTrue(h.of(RawEvent.class).stream().anyMatch(r -> r.vendorType().equals("DTMF")));
            assertClean(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void holdAndUnholdByTheAgentPhone(String format) throws Exception {
        var parts = Transcript.load("hold-unhold.esl");
        try (EngineHarness h = new EngineHarness("format=" + format).awaitResynced(1)) {
            h.replay(parts.get(0));
            assertEquals(LegState.HELD, leg(h.call(A), B).state());
            assertEquals(LegState.CONNECTED, leg(h.call(A), A).state());
            h.replay(parts.get(1));
            assertEquals(LegState.CONNECTED, leg(h.call(A), B).state());
            assertEquals(1, h.of(LegHeld.class).size());
            assertEquals(1, h.of(LegRetrieved.class).size());
            h.replay(parts.get(2));
            assertTrue(h.snapshot().calls().isEmpty());
            assertClean(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void blindTransferByReferKeepsTheCallAndAddsTheNewParty(String format) throws Exception {
        var parts = Transcript.load("blind-transfer.esl");
        try (EngineHarness h = new EngineHarness("format=" + format).awaitResynced(1)) {
            h.replay(parts.get(0));
            CallTransferred t = h.of(CallTransferred.class).get(0);
            assertEquals(TransferKind.BLIND, t.kind());
            assertEquals(A, t.callId());
            assertEquals("1001", t.transferringDeviceId());
            assertEquals("1002", t.destination());
            assertEquals(1, h.of(CallTransferred.class).size(), "transferee event passes through, no second transfer");
            assertTrue(h.of(RawEvent.class).stream().anyMatch(r -> r.vendorType().equals("sofia::transferee")));
            Call call = h.call(A);
            assertEquals(LegState.CLEARED, leg(call, B).state());
            assertEquals("BLIND_TRANSFER", leg(call, B).cause());
            assertEquals(LegState.CONNECTED, leg(call, C).state());
            assertEquals("1002", leg(call, C).deviceId());
            assertEquals(LegState.CONNECTED, leg(call, A).state());
            h.replay(parts.get(1));
            assertTrue(h.snapshot().calls().isEmpty());
            assertClean(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void attendedTransferMergesTheConsultationIntoTheHeldCall(String format) throws Exception {
        var parts = Transcript.load("attended-transfer.esl");
        try (EngineHarness h = new EngineHarness("format=" + format).awaitResynced(1)) {
            h.replay(parts.get(0));
            assertEquals(2, h.snapshot().calls().size());
            assertEquals(LegState.HELD, leg(h.call(A), B).state());
            assertEquals(LegState.CONNECTED, leg(h.call(B2), C).state());

            h.replay(parts.get(1));
            List<CallTransferred> transfers = h.of(CallTransferred.class);
            assertEquals(1, transfers.size());
            assertEquals(TransferKind.ATTENDED, transfers.get(0).kind());
            assertEquals(A, transfers.get(0).callId());
            assertEquals(List.of(B2), transfers.get(0).oldCallIds());
            assertEquals(1, h.snapshot().calls().size());
            Call call = h.call(A);
            assertEquals(Set.of(A, B2), call.aliases());
            assertEquals(LegState.CONNECTED, leg(call, A).state());
            assertEquals(LegState.CONNECTED, leg(call, C).state());
            assertEquals(LegState.CLEARED, leg(call, B).state());
            assertEquals(LegState.CLEARED, leg(call, B2).state());
            assertEquals("ATTENDED_TRANSFER", leg(call, B2).cause());

            h.replay(parts.get(2));
            assertTrue(h.snapshot().calls().isEmpty());
            assertEquals(1, h.of(CallEnded.class).size());
            assertClean(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void callcenterCallQueuedOfferedAnsweredAndServed(String format) throws Exception {
        var parts = Transcript.load("callcenter-queued.esl");
        String queue = "support@default";
        String agent = "1001@default";
        try (EngineHarness h = new EngineHarness("format=" + format).awaitResynced(1)) {
            h.replay(parts.get(0));
            assertEquals(LegState.QUEUED, leg(h.call(A), A).state());
            assertEquals(List.of(A), h.snapshot().queue(queue).orElseThrow().waitingCallIds());
            assertEquals(queue, h.of(CallQueued.class).get(0).queueId());

            h.replay(parts.get(1));
            Call call = h.call(A);
            assertEquals(LegRole.AGENT, leg(call, B).role());
            assertEquals(LegState.CONNECTED, leg(call, B).state());
            assertEquals(LegState.CONNECTED, leg(call, A).state());
            assertEquals(List.of(), h.snapshot().queue(queue).orElseThrow().waitingCallIds());
            assertEquals(AgentState.BUSY, h.snapshot().agent(agent).orElseThrow().state());
            assertEquals("1001", h.snapshot().agent(agent).orElseThrow().deviceId());
            assertEquals(List.of(AgentState.RESERVED, AgentState.BUSY),
                    h.of(AgentStateChanged.class).stream().map(AgentStateChanged::state).toList());

            h.replay(parts.get(2));
            assertTrue(h.snapshot().calls().isEmpty());
            assertEquals(AgentState.READY, h.snapshot().agent(agent).orElseThrow().state());
            assertTrue(h.of(CallAbandoned.class).isEmpty());
            assertTrue(h.of(RawEvent.class).stream().anyMatch(r -> "member-queue-end".equals(r.fields().get("CC-Action"))));
            assertClean(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void callcenterCallerGivesUpWhileTheAgentRings(String format) throws Exception {
        var parts = Transcript.load("callcenter-abandoned.esl");
        try (EngineHarness h = new EngineHarness("format=" + format).awaitResynced(1)) {
            h.replay(parts.get(0));
            CallAbandoned abandoned = h.of(CallAbandoned.class).get(0);
            assertEquals("support@default", abandoned.queueId());
            assertEquals(15_000, abandoned.waitedMillis());
            assertEquals(C, abandoned.callId());
            LegFailed failed = h.of(LegFailed.class).get(0);
            assertEquals(B2, failed.legId());
            assertEquals("ORIGINATOR_CANCEL", failed.cause());
            assertEquals(1, h.of(CallEnded.class).size());
            assertTrue(h.snapshot().calls().isEmpty());
            assertEquals(List.of(), h.snapshot().queue("support@default").orElseThrow().waitingCallIds());
            assertEquals(AgentState.READY, h.snapshot().agent("1001@default").orElseThrow().state());
            assertClean(h);
        }
    }

    static void assertClean(EngineHarness h) {
        assertEquals(0, h.engine.metrics().illegalTransitions(), "illegal transitions");
        assertEquals(0, h.engine.metrics().untrackedEvents(), "untracked events");
        assertFalse(h.of(LegConnected.class).stream().anyMatch(CtiEvent::synthetic));
    }

    /** The events of each call reach the listener in the order of their switch timestamps. */
    static void assertCallEventsInSwitchOrder(EngineHarness h) {
        long last = 0;
        for (CtiEvent e : h.events) {
            if (e instanceof CallStarted || e instanceof LegCreated || e instanceof LegConnected || e instanceof LegCleared) {
                assertTrue(e.timestamp() >= last, "out of order: " + e);
                last = e.timestamp();
            }
        }
    }
}

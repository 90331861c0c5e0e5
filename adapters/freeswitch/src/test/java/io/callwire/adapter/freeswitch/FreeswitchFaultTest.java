package io.callwire.adapter.freeswitch;

import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callwire.adapter.freeswitch.EngineHarness.leg;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.A;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults on the wire: wrong password, a socket dropped mid-frame, a lying Content-Length, a burst. */
@ExtendWith(NoLeaks.class)
class FreeswitchFaultTest {
    static final String X = "e7e7e7e7-0000-4000-8000-000000000007";

    static String channelsJson(String... rows) {
        return "{\"row_count\":" + rows.length + ",\"rows\":[" + String.join(",", rows) + "]}";
    }

    static String row(String uuid, String callUuid, String name, String direction, String callState) {
        return "{\"uuid\":\"" + uuid + "\",\"direction\":\"" + direction + "\",\"created\":\"2026-11-23 10:00:00\","
                + "\"created_epoch\":\"1763900000\",\"name\":\"" + name + "\",\"state\":\"CS_EXCHANGE_MEDIA\","
                + "\"cid_name\":\"Anna\",\"cid_num\":\"+4930123456\",\"ip_addr\":\"127.0.0.1\",\"dest\":\"5000\","
                + "\"application\":\"\",\"application_data\":\"\",\"dialplan\":\"XML\",\"context\":\"public\","
                + "\"read_codec\":\"PCMA\",\"read_rate\":\"8000\",\"write_codec\":\"PCMA\",\"write_rate\":\"8000\","
                + "\"secure\":\"\",\"hostname\":\"pbx1\",\"presence_id\":\"\",\"presence_data\":\"\",\"accountcode\":\"\","
                + "\"callstate\":\"" + callState + "\",\"callee_name\":\"\",\"callee_num\":\"\",\"callee_direction\":\"\","
                + "\"call_uuid\":\"" + callUuid + "\",\"sent_callee_name\":\"\",\"sent_callee_num\":\"\","
                + "\"initial_cid_name\":\"Anna\",\"initial_cid_num\":\"+4930123456\",\"initial_ip_addr\":\"127.0.0.1\","
                + "\"initial_dest\":\"5000\",\"initial_dialplan\":\"XML\",\"initial_context\":\"public\"}";
    }

    @Test
    void aWrongPasswordIsAClearErrorAndTheAdapterDoesNotSpin() throws Exception {
        try (EngineHarness h = new EngineHarness("NotTheSecret", "", null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.links(LinkState.DOWN).isEmpty());
            LinkStateChanged down = h.links(LinkState.DOWN).get(0);
            assertTrue(down.detail().contains("authentication failed"), down.detail());
            assertTrue(down.detail().contains("not reconnecting"), down.detail());
            assertFalse(down.detail().contains("NotTheSecret"));
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                    .until(() -> h.server.authAttempts.get() == 1);
            assertTrue(h.links(LinkState.UP).isEmpty());
            assertEquals(1, h.links(LinkState.DOWN).size());
        }
    }

    @Test
    void theConfigNeverShowsThePassword() {
        FreeswitchConfig cfg = FreeswitchConfig.from(io.callwire.core.spi.SwitchUri.parse("freeswitch://:S3cret@127.0.0.1"));
        assertEquals(8021, cfg.port());
        assertEquals("127.0.0.1:8021", cfg.id());
        assertFalse(cfg.toString().contains("S3cret"));
        assertFalse(new FreeswitchAdapter(cfg).toString().contains("S3cret"));
    }

    @Test
    void aSocketDroppedMidFrameReconnectsResubscribesAndClearsWhatVanished() throws Exception {
        var parts = Transcript.load("hold-unhold.esl");
        try (EngineHarness h = new EngineHarness("").awaitResynced(1)) {
            h.replay(parts.get(0));
            assertEquals(LegState.HELD, leg(h.call(A), B).state());
            // while the link is down B hangs up and a new call X arrives
            h.server.channelsJson = () -> channelsJson(
                    row(A, A, "sofia/external/+4930123456@127.0.0.1", "inbound", "ACTIVE"),
                    row(X, X, "sofia/external/+4940555000@127.0.0.1", "inbound", "HELD"));
            h.server.dropMidFrame(parts.get(1).get(0));
            h.awaitResynced(2);
            assertTrue(h.links(LinkState.DOWN).get(0).detail().contains("closed"), h.links(LinkState.DOWN).get(0).detail());
            assertEquals(2, h.server.authAttempts.get());
            assertEquals(2, h.server.subscriptions.get());
            List<LegCleared> clears = h.of(LegCleared.class);
            assertEquals(1, clears.size());
            assertEquals(B, clears.get(0).legId());
            assertTrue(clears.get(0).synthetic());
            Call a = h.call(A);
            assertEquals(LegState.CONNECTED, leg(a, A).state());
            assertEquals(LegState.CLEARED, leg(a, B).state());
            Call x = h.call(X);
            assertEquals(LegState.HELD, leg(x, X).state());
            assertTrue(h.of(CallStarted.class).stream().filter(c -> c.callId().equals(X)).allMatch(CtiEvent::synthetic));
            // events flow again after the resync
            h.replay(parts.get(2).subList(2, 4));   // HANGUP_COMPLETE and DESTROY of A
            assertTrue(h.snapshot().call(A).isEmpty());
            assertEquals(0, h.engine.metrics().illegalTransitions());
        }
    }

    @Test
    void aLyingContentLengthDropsTheConnectionAndTheResyncKeepsTheState() throws Exception {
        var parts = Transcript.load("hold-unhold.esl");
        try (EngineHarness h = new EngineHarness("").awaitResynced(1)) {
            h.replay(parts.get(0));
            h.server.channelsJson = () -> channelsJson(
                    row(A, A, "sofia/external/+4930123456@127.0.0.1", "inbound", "ACTIVE"),
                    row(B, A, "sofia/internal/1001@127.0.0.1", "outbound", "HELD"));
            String good = h.server.frame(parts.get(1).get(0));
            String body = good.substring(good.indexOf("\n\n") + 2);
            h.server.sendRaw("Content-Length: " + (body.length() + 40) + "\nContent-Type: text/event-plain\n\n" + body + good);
            h.awaitResynced(2);
            String detail = h.links(LinkState.DOWN).get(0).detail();
            assertTrue(detail.contains("ESL protocol error"), detail);
            assertEquals(LegState.HELD, leg(h.call(A), B).state(), "state survives the reconnect");
            assertTrue(h.of(LegCleared.class).isEmpty());
            h.replay(parts.get(1));   // the unhold that was lost in the broken frame, sent again
            assertEquals(LegState.CONNECTED, leg(h.call(A), B).state());
            assertEquals(0, h.engine.metrics().illegalTransitions());
        }
    }

    @Test
    void theResyncReadsTheQueuesMembersToTellWaitingFromAnsweredCallers() throws Exception {
        var parts = Transcript.load("callcenter-queued.esl");
        try (EngineHarness h = new EngineHarness("").awaitResynced(1)) {
            h.replay(parts.get(0));
            assertEquals(List.of(A), h.snapshot().queue("support@default").orElseThrow().waitingCallIds());
            // during the outage A was answered by an agent and X joined the queue
            h.server.channelsJson = () -> channelsJson(
                    row(A, A, "sofia/external/+4930123456@127.0.0.1", "inbound", "ACTIVE"),
                    row(X, X, "sofia/external/+4940555000@127.0.0.1", "inbound", "ACTIVE"));
            h.server.queueList = () -> "name|strategy|moh_sound|time_base_score|tier_rules_apply|tier_rule_wait_second|"
                    + "tier_rule_wait_multiply_level|tier_rule_no_agent_no_wait|discard_abandoned_after|"
                    + "abandoned_resume_allowed|max_wait_time|max_wait_time_with_no_agent|"
                    + "max_wait_time_with_no_agent_time_reached|record_template|calls_answered|calls_abandoned|"
                    + "ring_progressively_delay\n"
                    + "support@default|longest-idle-agent|local_stream://moh|system|false|300|true|false|60|false|0|0|5||"
                    + "12|1|10\n+OK\n";
            String header = "queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|"
                    + "rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state\n";
            h.server.queueMembers = queue -> queue.equals("support@default") ? header
                    + "support@default|single_box|e5e5e5e5-0000-4000-8000-000000000005|" + A + "|+4930123456|Anna|"
                    + "1763900040|1763900040|0|1763900060|0|0|0|1001@default|single_box|Answered\n"
                    + "support@default|single_box|f6f6f6f6-0000-4000-8000-000000000006|" + X + "|+4940555000|Bernd|"
                    + "1763900070|1763900070|0|0|0|0|0|||Waiting\n+OK\n" : "-ERR Invalid Queue!\n";
            h.server.disconnect();
            h.awaitResynced(2);
            assertTrue(h.server.commands.contains("api callcenter_config queue list members support@default"));
            assertEquals(LegState.CONNECTED, leg(h.call(A), A).state());
            assertEquals(LegState.QUEUED, leg(h.call(X), X).state());
            assertEquals(List.of(X), h.snapshot().queue("support@default").orElseThrow().waitingCallIds());
            assertTrue(h.links(LinkState.RESYNCED).get(1).detail().endsWith("2 queue members"));
            assertEquals(0, h.engine.metrics().illegalTransitions());
        }
    }

    @Test
    void silenceLongerThanTheIdleTimeoutDropsAndRestoresTheLink() throws Exception {
        try (EngineHarness h = new EngineHarness("idleTimeoutMillis=400").awaitResynced(2)) {
            assertTrue(h.links(LinkState.DOWN).get(0).detail().contains("idle timeout"), h.links(LinkState.DOWN).get(0).detail());
            assertTrue(h.server.authAttempts.get() >= 2);
        }
    }

    @Test
    void aDisconnectNoticeIsReportedAndTheLinkComesBack() throws Exception {
        try (EngineHarness h = new EngineHarness("").awaitResynced(1)) {
            String bye = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
            h.server.sendRaw("Content-Type: text/disconnect-notice\nContent-Length: " + bye.length() + "\n\n" + bye);
            h.server.send(List.of(Map.entry("Event-Name", "SHUTDOWN"), Map.entry("Event-Info", "System Shutting Down")));
            await().atMost(Duration.ofSeconds(5)).until(() -> h.events.stream().anyMatch(e ->
                    e instanceof io.callwire.core.event.RawEvent r && r.vendorType().equals("SHUTDOWN")));
            h.server.disconnect();
            h.awaitResynced(2);
            assertTrue(h.links(LinkState.DOWN).get(0).detail().contains("disconnect notice: Disconnected, goodbye."),
                    h.links(LinkState.DOWN).get(0).detail());
        }
    }

    @Test
    void theFirstConnectPicksUpCallsAndAgentsThatExistedBefore() throws Exception {
        try (EngineHarness h = new EngineHarness(EngineHarness.PASSWORD, "", s -> {
            s.channelsJson = () -> channelsJson(
                    row(A, A, "sofia/external/+4930123456@127.0.0.1", "inbound", "ACTIVE"),
                    row(B, A, "sofia/internal/1001@127.0.0.1", "outbound", "RINGING"));
            s.agentList = () -> "name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|"
                    + "reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|"
                    + "last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|"
                    + "external_calls_count\n"
                    + "1001@default|single_box||callback|[leg_timeout=10]user/1001@default|Available|Waiting|3|10|10|"
                    + "60|0|0|0|0|1763900000|0|0|0|0|0\n"
                    + "1002@default|single_box||callback|user/1002@default|On Break|Waiting|3|10|10|60|0|0|0|0|"
                    + "1763900000|0|0|0|0|0\n+OK\n";
        }).awaitResynced(1)) {
            Call call = h.call(A);
            assertEquals(LegState.CONNECTED, leg(call, A).state());
            assertEquals(LegState.ALERTING, leg(call, B).state());
            assertEquals("1001", leg(call, B).deviceId());
            assertEquals(AgentState.READY, h.snapshot().agent("1001@default").orElseThrow().state());
            assertEquals("1001", h.snapshot().agent("1001@default").orElseThrow().deviceId());
            assertEquals(AgentState.NOT_READY, h.snapshot().agent("1002@default").orElseThrow().state());
            assertTrue(h.of(AgentStateChanged.class).stream().allMatch(CtiEvent::synthetic));
            assertTrue(h.of(LegConnected.class).stream().allMatch(CtiEvent::synthetic));
            assertEquals("2 channels, 2 agents, 0 queue members", h.links(LinkState.RESYNCED).get(0).detail());
        }
    }

    @Test
    void aBurstOfOneHundredThousandEventsArrivesCompleteAndInOrder() throws Exception {
        var parts = Transcript.load("hold-unhold.esl");
        int n = 100_000;
        long base = 1_763_900_100_000_000L;
        try (EngineHarness h = new EngineHarness("").awaitResynced(1)) {
            h.replay(parts.get(0));
            List<List<Map.Entry<String, String>>> burst = new ArrayList<>(n);
            String digits = "0123456789*#";
            for (int i = 0; i < n; i++) {
                burst.add(List.of(Map.entry("Event-Name", "DTMF"), Map.entry("Core-UUID", "2d5f0c1e"),
                        Map.entry("Event-Date-Timestamp", String.valueOf(base + i * 1000L)),
                        Map.entry("Event-Sequence", String.valueOf(10_000 + i)),
                        Map.entry("Channel-Name", "sofia/external/+4930123456@127.0.0.1"), Map.entry("Unique-ID", A),
                        Map.entry("Channel-Call-UUID", A), Map.entry("Call-Direction", "inbound"),
                        Map.entry("DTMF-Digit", String.valueOf(digits.charAt(i % digits.length()))),
                        Map.entry("DTMF-Duration", "2000"), Map.entry("DTMF-Source", "RTP")));
            }
            h.server.sendAll(burst);
            await().atMost(Duration.ofSeconds(100)).until(() -> h.of(DtmfReceived.class).size() >= n);
            List<DtmfReceived> received = h.of(DtmfReceived.class);
            assertEquals(n, received.size());
            for (int i = 0; i < n; i++) {
                DtmfReceived d = received.get(i);
                assertEquals(base / 1000 + i, d.timestamp(), "event " + i + " out of order");
                assertEquals(String.valueOf(digits.charAt(i % digits.length())), d.digit());
                assertEquals(A, d.callId());
            }
            assertEquals(0, h.engine.subscriptions().get(0).stats().dropped());
            assertEquals(1, h.links(LinkState.UP).size(), "no reconnect during the burst");
            assertTrue(h.links(LinkState.EVENTS_LOST).isEmpty());
        }
    }
}

package io.callwire.adapter.freeswitch;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.Redirect;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.Call;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.callwire.adapter.freeswitch.EngineHarness.leg;
import static io.callwire.adapter.freeswitch.FreeswitchCommandTest.channel;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.A;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.B;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.B2;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.C;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redirects (uuid_transfer of a queued or ringing call) and CHANNEL_UUID as CallDiverted, through a real engine. */
@ExtendWith(NoLeaks.class)
class FreeswitchRedirectTest {
    private static final String QUEUE = "support@default";
    private EngineHarness h;

    @BeforeEach
    void connect() throws Exception {
        h = new EngineHarness("").awaitResynced(1);
    }

    /** Every event the adapter published was one the engine's call model could apply. */
    private void assertModelClean() {
        assertEquals(0, h.engine.metrics().illegalTransitions(), "illegal transitions");
        assertEquals(0, h.engine.metrics().untrackedEvents(), "untracked events");
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static CommandResult ok(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private CallDiverted awaitDiverted() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !h.of(CallDiverted.class).isEmpty());
        assertEquals(1, h.of(CallDiverted.class).size());
        return h.of(CallDiverted.class).get(0);
    }

    @Test
    void aQueuedCallerRedirectedOutOfModCallcenterIsDivertedNotAbandoned() throws Exception {
        var parts = Transcript.load("redirect-queued.esl");
        h.replay(parts.get(0));
        assertEquals(LegState.QUEUED, leg(h.call(A), A).state());
        // the switch reports the member's break-out before the job's +OK: the order the adapter must survive
        List<List<Map.Entry<String, String>>> breakOut = parts.get(1).subList(0, 1);
        h.server.jobs = cmd -> {
            if (cmd.startsWith("uuid_transfer")) {
                h.server.sendAll(breakOut);
            }
            return "+OK\n";
        };
        ok(h.engine.execute(new Redirect(A, "", "1002")));
        assertEquals("bgapi uuid_transfer " + A + " 1002 XML default", h.server.commands.stream().reduce((a, b) -> b).orElseThrow());
        CallDiverted d = awaitDiverted();
        assertEquals(List.of(A, "", QUEUE, QUEUE, "1002", "redirect"),
                List.of(d.callId(), d.legId(), d.deviceId(), d.fromDeviceId(), d.toDeviceId(), d.reason()));

        h.replay(parts.get(1).subList(1, parts.get(1).size()));   // 1002 rings, answers, is bridged
        assertTrue(h.of(CallAbandoned.class).isEmpty(), "a redirected caller did not give up");
        assertTrue(h.of(RawEvent.class).stream().anyMatch(r -> "member-queue-end".equals(r.fields().get("CC-Action"))));
        Call call = h.call(A);
        assertEquals(LegState.CONNECTED, leg(call, A).state());
        assertEquals(LegState.CONNECTED, leg(call, C).state());
        assertEquals(List.of(), h.snapshot().queue(QUEUE).map(q -> q.waitingCallIds()).orElse(List.of()));

        h.replay(parts.get(2));
        assertEquals(1, h.of(CallEnded.class).size());
        assertTrue(h.of(CallAbandoned.class).isEmpty());
        assertModelClean();
    }

    @Test
    void aFailedRedirectLeavesAGenuineAbandonmentAnAbandonment() throws Exception {
        var parts = Transcript.load("redirect-queued.esl");
        h.replay(parts.get(0));
        h.server.jobs = cmd -> "-ERR No such channel!\n";
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> ok(h.engine.execute(new Redirect(A, "", "1002"))));
        assertTrue(t.getCause().getMessage().contains("No such channel"), t.getCause().getMessage());
        h.replay(parts.get(1).subList(0, 1));   // the caller hangs up in the queue after all
        assertEquals(1, h.of(CallAbandoned.class).size());
        assertTrue(h.of(CallDiverted.class).isEmpty());
    }

    @Test
    void aRingingLegIsRedirectedByMovingItsCaller() throws Exception {
        h.replay(List.of(
                channel("CHANNEL_CREATE", A, A, "sofia/external/+4930123456@127.0.0.1", "inbound"),
                channel("CHANNEL_ANSWER", A, A, "sofia/external/+4930123456@127.0.0.1", "inbound"),
                channel("CHANNEL_CREATE", B, A, "sofia/internal/1001@127.0.0.1", "outbound"),
                channel("CHANNEL_PROGRESS", B, A, "sofia/internal/1001@127.0.0.1", "outbound")));
        assertEquals(LegState.ALERTING, leg(h.call(A), B).state());
        ok(h.engine.execute(new Redirect(A, B, "1005")));
        assertEquals("bgapi uuid_transfer " + A + " 1005 XML default",
                h.server.commands.stream().reduce((a, b) -> b).orElseThrow());
        CallDiverted d = awaitDiverted();
        assertEquals(List.of(A, "", "1001", "1001", "1005", "redirect"),
                List.of(d.callId(), d.legId(), d.deviceId(), d.fromDeviceId(), d.toDeviceId(), d.reason()));
        List<Map.Entry<String, String>> cancel = new ArrayList<>(
                channel("CHANNEL_HANGUP_COMPLETE", B, A, "sofia/internal/1001@127.0.0.1", "outbound"));
        cancel.add(Map.entry("Hangup-Cause", "ORIGINATOR_CANCEL"));
        h.replay(List.of(cancel));
        assertEquals(List.of(B), h.of(LegFailed.class).stream().map(f -> f.legId()).toList());
        assertModelClean();
    }

    @Test
    void channelUuidMovesTheLegToItsNewChannelAsCallDiverted() throws Exception {
        h.replay(Transcript.load("hold-unhold.esl").get(0));   // A bridged to B on 1001
        h.replay(List.of(List.of(Map.entry("Event-Name", "CHANNEL_UUID"),
                Map.entry("Event-Date-Timestamp", "1763900200000000"), Map.entry("Old-Unique-ID", B),
                Map.entry("Unique-ID", B2), Map.entry("Channel-Name", "sofia/internal/1005@127.0.0.1"))));
        CallDiverted d = awaitDiverted();
        assertEquals(List.of(A, B, "1005", "1001", "1005", "uuid-change"),
                List.of(d.callId(), d.legId(), d.deviceId(), d.fromDeviceId(), d.toDeviceId(), d.reason()));
        assertEquals("1005", leg(h.call(A), B).deviceId(), "the engine keeps the leg id, on the new device");
        ok(h.engine.hangUp(A, B));
        assertEquals("bgapi uuid_kill " + B2, h.server.commands.stream().reduce((a, b) -> b).orElseThrow());

        // a CHANNEL_UUID of a channel nobody knows passes through
        h.replay(List.of(List.of(Map.entry("Event-Name", "CHANNEL_UUID"), Map.entry("Old-Unique-ID", "nobody"),
                Map.entry("Unique-ID", C), Map.entry("Event-Date-Timestamp", "1763900200000000"))));
        assertTrue(h.of(RawEvent.class).stream().anyMatch(r -> r.vendorType().equals("CHANNEL_UUID")));
        assertEquals(1, h.of(CallDiverted.class).size());
        assertModelClean();
    }
}

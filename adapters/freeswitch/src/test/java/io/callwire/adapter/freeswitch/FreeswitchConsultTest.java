package io.callwire.adapter.freeswitch;

import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.Call;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.callwire.adapter.freeswitch.EngineHarness.leg;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.A;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.B;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consultative transfer driven through the engine: Consult (uuid_hold on the agent's leg + originate from the agent's station with the
 * parent call variable), then CompleteTransfer (uuid_bridge, agent legs killed) or CancelConsult (uuid_kill of the
 * consulting leg, uuid_hold off), with the switch's answering events replayed from the consult transcripts.
 */
@ExtendWith(NoLeaks.class)
class FreeswitchConsultTest {
    private EngineHarness h;

    private void connect(String format) throws Exception {
        h = new EngineHarness("format=" + format).awaitResynced(1);
    }

    /** Every event the adapter published was one the engine's call model could apply. */
    private void assertModelClean() {
        assertEquals(0, h.engine.metrics().illegalTransitions(), "illegal transitions");
        assertEquals(0, h.engine.metrics().untrackedEvents(), "untracked events");
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    static CommandResult ok(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** The transcript part with the consultation leg's placeholder UUID replaced by the one the adapter chose. */
    static List<List<Map.Entry<String, String>>> with(List<List<Map.Entry<String, String>>> part, String consultUuid) {
        List<List<Map.Entry<String, String>>> out = new ArrayList<>();
        for (List<Map.Entry<String, String>> event : part) {
            List<Map.Entry<String, String>> copy = new ArrayList<>();
            for (Map.Entry<String, String> hdr : event) {
                copy.add(Map.entry(hdr.getKey(), hdr.getValue().replace("CONSULT-UUID", consultUuid)));
            }
            out.add(copy);
        }
        return out;
    }

    /** Replays the call, consults 1002 from the agent's leg, replays the switch's answer; returns the consultation id. */
    private String consult(List<List<List<Map.Entry<String, String>>>> parts) throws Exception {
        h.replay(parts.get(0));   // caller A bridged to agent 1001 (leg B)
        h.server.commands.clear();
        CommandResult r = ok(h.engine.execute(new Consult(A, B, "1002")));
        String x = r.callId();
        assertEquals(List.of("bgapi uuid_hold " + B,
                        "bgapi originate {origination_uuid=" + x + ",callwire_parent_call=" + A + "}user/1001 1002 XML default"),
                List.copyOf(h.server.commands));
        h.replay(with(parts.get(1), x));
        Call consultation = h.call(x);
        assertEquals(A, consultation.parentCallId());
        assertEquals(LegRole.CONSULT, leg(consultation, x).role());
        assertEquals("1001", leg(consultation, x).deviceId());
        assertEquals(LegState.CONNECTED, leg(consultation, C).state());
        assertEquals(LegState.HELD, leg(h.call(A), B).state());
        assertEquals(LegState.CONNECTED, leg(h.call(A), A).state());
        assertEquals(A, h.of(CallStarted.class).stream().filter(s -> s.callId().equals(x)).findFirst().orElseThrow()
                .parentCallId());
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void completeTransferBridgesHeldAndConsultedPartiesAndDropsTheAgent(String format) throws Exception {
        connect(format);
        var parts = Transcript.load("consult-transfer.esl");
        String x = consult(parts);
        h.server.commands.clear();
        // the switch cleared the agent's first leg itself already: that clean-up refusal does not fail the command
        h.server.jobs = cmd -> cmd.equals("uuid_kill " + B) ? "-ERR No such channel!\n" : "+OK\n";
        CommandResult r = ok(h.engine.execute(new CompleteTransfer(A, x)));
        assertEquals(A, r.callId());
        assertEquals(List.of("bgapi uuid_bridge " + A + " " + C, "bgapi uuid_kill " + B,
                "bgapi uuid_kill " + x), List.copyOf(h.server.commands));

        h.replay(with(parts.get(2), x));
        CallTransferred t = h.of(CallTransferred.class).get(0);
        assertEquals(List.of(A, List.of(x), TransferKind.ATTENDED, "1001", "1002"),
                List.of(t.callId(), t.oldCallIds(), t.kind(), t.transferringDeviceId(), t.destination()));
        Call call = h.call(A);
        assertTrue(call.aliases().contains(x), call.aliases().toString());
        assertEquals(LegState.CONNECTED, leg(call, A).state());
        assertEquals(LegState.CONNECTED, leg(call, C).state());
        assertEquals(List.of(A, C), call.legs().stream().filter(l -> l.state() == LegState.CONNECTED).map(l -> l.id()).toList());
        assertTrue(h.of(CallEnded.class).isEmpty(), "the surviving call goes on");

        h.replay(with(parts.get(3), x));
        assertTrue(h.snapshot().call(A).isEmpty());
        assertEquals(1, h.of(CallEnded.class).size());
        assertModelClean();
    }

    @Test
    void cancelConsultKillsTheConsultingLegAndRetrievesTheCall() throws Exception {
        connect("plain");
        var parts = Transcript.load("consult-cancel.esl");
        String x = consult(parts);
        h.server.commands.clear();
        ok(h.engine.execute(new CancelConsult(A, x)));
        assertEquals(List.of("bgapi uuid_kill " + x, "bgapi uuid_hold off " + B), List.copyOf(h.server.commands));

        h.replay(with(parts.get(2), x));
        assertTrue(h.snapshot().call(x).isEmpty(), "the consultation ended");
        Call call = h.call(A);
        assertEquals(LegState.CONNECTED, leg(call, A).state());
        assertEquals(LegState.CONNECTED, leg(call, B).state());
        assertEquals(List.of(B), h.of(LegRetrieved.class).stream().map(e -> e.legId()).toList());
        assertTrue(h.of(CallTransferred.class).isEmpty());
        assertModelClean();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void conferenceMovesBothCallsIntoOneRoomAndReportsItsParties(String format) throws Exception {
        connect(format);
        var parts = Transcript.load("conference.esl");
        String x = consult(parts);
        h.server.commands.clear();
        CommandResult r = ok(h.engine.execute(new Conference(A, x)));
        assertEquals("conference cw-" + A, r.detail());
        String room = "conference:cw-" + A + "@default inline";
        assertEquals(List.of("bgapi uuid_transfer " + A + " " + room, "bgapi uuid_transfer " + x + " -both " + room,
                "bgapi uuid_kill " + B), List.copyOf(h.server.commands));

        h.replay(with(parts.get(2), x));
        List<CallConferenced> joined = h.of(CallConferenced.class);
        assertEquals(2, joined.size(), joined.toString());
        assertEquals(List.of(A, List.of(x), List.of("+4930123456", "1001")),
                List.of(joined.get(0).callId(), joined.get(0).oldCallIds(), joined.get(0).partyDeviceIds()));
        assertEquals(List.of(A, List.of(), List.of("+4930123456", "1001", "1002")),
                List.of(joined.get(1).callId(), joined.get(1).oldCallIds(), joined.get(1).partyDeviceIds()));
        Call call = h.call(A);
        assertTrue(call.aliases().contains(x), call.aliases().toString());
        assertEquals(List.of(A, x, C), call.legs().stream().filter(l -> l.state() == LegState.CONNECTED)
                .map(l -> l.id()).toList());
        assertEquals(LegState.CLEARED, leg(call, B).state());
        assertTrue(h.of(RawEvent.class).stream().anyMatch(e -> e.vendorType().equals("conference::maintenance")
                && "start-talking".equals(e.fields().get("Action")) && e.callId().equals(A)));

        h.replay(with(parts.get(3), x));   // the agent leaves the room
        assertEquals(List.of("+4930123456", "1002"), h.of(CallConferenced.class).get(2).partyDeviceIds());
        assertEquals(List.of(A, C), h.call(A).legs().stream().filter(l -> l.state() == LegState.CONNECTED)
                .map(l -> l.id()).toList());

        h.replay(with(parts.get(4), x));
        assertEquals(List.of("+4930123456"), h.of(CallConferenced.class).get(3).partyDeviceIds());
        assertEquals(4, h.of(CallConferenced.class).size(), "the last member leaving is no conference change");
        assertTrue(h.snapshot().call(A).isEmpty());
        assertEquals(1, h.of(CallEnded.class).size());
        assertModelClean();
    }

    @Test
    void whatCannotBeExpressedIsRefusedBeforeAnythingIsSent() throws Exception {
        connect("plain");
        h.replay(List.of(FreeswitchCommandTest.channel("CHANNEL_CREATE", A, A, "sofia/external/+4930123456@127.0.0.1",
                "inbound")));   // a lone trunk leg: nobody to consult from
        h.server.commands.clear();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ok(h.engine.execute(new Consult(A, "", "1002"))));
        SwitchRejectedException refused = assertInstanceOf(SwitchRejectedException.class, e.getCause());
        assertTrue(refused.reason().contains("no agent or station leg to consult from"), refused.reason());
        e = assertThrows(ExecutionException.class, () -> ok(h.engine.execute(new Conference(A, A))));
        assertInstanceOf(SwitchRejectedException.class, e.getCause());
        assertTrue(h.server.commands.isEmpty(), h.server.commands.toString());
    }
}

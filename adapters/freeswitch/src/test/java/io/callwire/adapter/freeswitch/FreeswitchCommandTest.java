package io.callwire.adapter.freeswitch;

import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.model.AgentState;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.MonitorMode;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.A;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.B;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.B2;
import static io.callwire.adapter.freeswitch.FreeswitchTranscriptTest.C;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands through a real engine: bgapi with Job-UUID correlation, the switch's -ERR as a typed error. */
@ExtendWith(NoLeaks.class)
class FreeswitchCommandTest {
    private EngineHarness h;

    @BeforeEach
    void connectWithABridgedCall() throws Exception {
        h = new EngineHarness("").awaitResynced(1);
        h.replay(Transcript.load("hold-unhold.esl").get(0));   // A inbound, B agent 1001, B held
    }

    @AfterEach
    void close() {
        h.close();
    }

    private CommandResult ok(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Throwable failure(CompletionStage<CommandResult> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    private String lastCommand() {
        return h.server.commands.stream().reduce((a, b) -> b).orElse("");
    }

    @Test
    void callControlBecomesBgapiCommandsOnTheRightChannels() throws Exception {
        ok(h.engine.retrieve(A, B));
        assertEquals("bgapi uuid_hold off " + B, lastCommand());
        ok(h.engine.hold(A, B));
        assertEquals("bgapi uuid_hold " + B, lastCommand());
        ok(h.engine.answer(A, B));
        assertEquals("bgapi uuid_answer " + B, lastCommand());
        ok(h.engine.sendDtmf(A, B, "12#"));
        assertEquals("bgapi uuid_send_dtmf " + B + " 12#", lastCommand());
        ok(h.engine.blindTransfer(A, B, "1002"));
        assertEquals("bgapi uuid_transfer " + B + " -bleg 1002 XML default", lastCommand());
        await().atMost(Duration.ofSeconds(5)).until(() -> !h.of(CallTransferred.class).isEmpty());
        CallTransferred t = h.of(CallTransferred.class).get(0);
        assertEquals(List.of(A, B, TransferKind.BLIND, "1001", "1002"),
                List.of(t.callId(), t.legId(), t.kind(), t.transferringDeviceId(), t.destination()));
        ok(h.engine.redirect(A, A, "7000"));
        assertEquals("bgapi uuid_transfer " + A + " 7000 XML default", lastCommand());
        CommandResult rec = ok(h.engine.startRecording(A));
        assertEquals("/var/lib/freeswitch/recordings/" + A + ".wav", rec.detail());
        assertEquals("bgapi uuid_record " + A + " start /var/lib/freeswitch/recordings/" + A + ".wav", lastCommand());
        ok(h.engine.stopRecording(A));
        assertEquals("bgapi uuid_record " + A + " stop all", lastCommand());
        ok(h.engine.hangUp(A, B));
        assertEquals("bgapi uuid_kill " + B, lastCommand());
        h.server.commands.clear();
        ok(h.engine.hangUpCall(A));
        assertEquals(List.of("bgapi uuid_kill " + A, "bgapi uuid_kill " + B), List.copyOf(h.server.commands));
    }

    @Test
    void makeCallOriginatesWithItsOwnUuidAndTheCallData() throws Exception {
        CommandResult r = ok(h.engine.execute(new MakeCall("", "1001", "+4930987654", Map.of("ticket", "T-9"))));
        assertEquals("bgapi originate {origination_uuid=" + r.callId() + ",cw_ticket=T-9}user/1001 +4930987654 XML default",
                lastCommand());
        assertEquals(r.callId(), r.legId());
        Throwable bad = failure(h.engine.execute(new MakeCall("", "1001", "555 1234,evil", Map.of())));
        assertInstanceOf(SwitchRejectedException.class, bad);
        assertTrue(bad.getMessage().contains("cannot be passed to FreeSWITCH unquoted"), bad.getMessage());
    }

    @Test
    void monitorOriginatesAnEavesdropOnTheAgentLeg() throws Exception {
        ok(h.engine.monitor(A, "2000", MonitorMode.LISTEN));
        assertTrue(lastCommand().matches("bgapi originate \\{origination_uuid=[0-9a-f-]+}user/2000 &eavesdrop\\(" + B + "\\)"),
                lastCommand());
        ok(h.engine.monitor(A, "2000", MonitorMode.WHISPER));
        assertTrue(lastCommand().contains(",eavesdrop_whisper_aleg=true}user/2000"), lastCommand());
        ok(h.engine.monitor(A, "2000", MonitorMode.BARGE));
        assertTrue(lastCommand().contains(",eavesdrop_whisper_aleg=true,eavesdrop_whisper_bleg=true}"), lastCommand());
    }

    @Test
    void attachDataSetsChannelVariablesAndPublishesTheChange() throws Exception {
        ok(h.engine.attachData(A, Map.of("ticket", "T-77")));
        assertEquals("bgapi uuid_setvar " + A + " cw_ticket T-77", lastCommand());
        await().atMost(Duration.ofSeconds(5)).until(() -> Map.of("ticket", "T-77").equals(h.call(A).data()));
        assertTrue(h.of(CallDataChanged.class).stream().anyMatch(d -> d.callId().equals(A)));
    }

    @Test
    void agentStateGoesThroughModCallcenter() throws Exception {
        ok(h.engine.execute(new AgentLogin("", "1001@default", "1001", List.of("support@default"))));
        assertEquals(List.of("bgapi callcenter_config agent set contact 1001@default user/1001",
                        "bgapi callcenter_config agent set status 1001@default 'On Break'",
                        "bgapi callcenter_config tier add support@default 1001@default 1 1"),
                h.server.commands.stream().filter(c -> c.startsWith("bgapi callcenter_config")).toList());
        h.server.commands.clear();
        ok(h.engine.ready("1001@default"));
        assertEquals(List.of("bgapi callcenter_config agent set status 1001@default 'Available'",
                "bgapi callcenter_config agent set state 1001@default 'Waiting'"), List.copyOf(h.server.commands));
        ok(h.engine.notReady("1001@default", "lunch"));
        assertEquals("bgapi callcenter_config agent set status 1001@default 'On Break'", lastCommand());
        ok(h.engine.logout("1001@default"));
        assertEquals("bgapi callcenter_config agent set status 1001@default 'Logged Out'", lastCommand());
    }

    @Test
    void theSwitchsRefusalIsASwitchRejectedExceptionWithItsReason() {
        h.server.jobs = cmd -> "-ERR No such channel!\n";
        Throwable t = failure(h.engine.hold(A, B));
        SwitchRejectedException e = assertInstanceOf(SwitchRejectedException.class, t);
        assertEquals("No such channel!", e.reason());
    }

    @Test
    void aJobThatNeverCompletesTimesOut() {
        h.server.jobs = cmd -> null;
        assertInstanceOf(CommandTimeoutException.class, failure(h.engine.hold(A, B)));
    }

    @Test
    void wrapUpSetsTheAgentIdleAndIdleIsWrapUpWithTheReason() throws Exception {
        String agent = "1001@default";
        // mod_callcenter fires the state change inside the api call: it reaches us before the job's +OK
        h.server.jobs = cmd -> {
            if (cmd.endsWith("'Idle'")) {
                h.server.send(agentState(agent, "Idle"));
            }
            return "+OK\n";
        };
        ok(h.engine.execute(new AgentWrapUp(agent, "notes")));
        assertEquals("bgapi callcenter_config agent set state " + agent + " 'Idle'", lastCommand());
        await().atMost(Duration.ofSeconds(5)).until(() -> h.snapshot().agent(agent)
                .map(a -> a.state() == AgentState.WRAP_UP).orElse(false));
        List<AgentStateChanged> wrapUps = h.of(AgentStateChanged.class).stream()
                .filter(a -> a.state() == AgentState.WRAP_UP).toList();
        assertEquals(List.of("notes"), wrapUps.stream().map(AgentStateChanged::reason).toList(), "one WRAP_UP, with its reason");

        ok(h.engine.ready(agent));
        h.replay(List.of(agentState(agent, "Waiting")));
        assertEquals(AgentState.READY, h.snapshot().agent(agent).orElseThrow().state());

        // Idle the switch sets by itself (an 'Available (On Demand)' agent after a call) is after-call work, no reason
        h.replay(List.of(agentState(agent, "Idle")));
        AgentStateChanged last = h.of(AgentStateChanged.class).get(h.of(AgentStateChanged.class).size() - 1);
        assertEquals(List.of(AgentState.WRAP_UP, ""), List.of(last.state(), last.reason()));
    }

    @Test
    void aRefusedWrapUpLeavesNoReasonBehind() throws Exception {
        String agent = "1001@default";
        h.server.jobs = cmd -> "-ERR Invalid Agent!\n";
        assertInstanceOf(SwitchRejectedException.class, failure(h.engine.execute(new AgentWrapUp(agent, "notes"))));
        h.server.jobs = cmd -> "+OK\n";
        h.replay(List.of(agentState(agent, "Idle")));
        AgentStateChanged last = h.of(AgentStateChanged.class).get(h.of(AgentStateChanged.class).size() - 1);
        assertEquals(List.of(AgentState.WRAP_UP, ""), List.of(last.state(), last.reason()));
    }

    @Test
    void everyCallAndAgentCommandIsSupportedAndTasksAreNot() {
        try (var adapter = io.callwire.core.spi.SwitchConnector.fromClassPath()
                .create("freeswitch://:ClueCon@127.0.0.1:1?id=probe")) {
            for (Class<? extends io.callwire.core.command.CtiCommand> type : List.of(MakeCall.class, Consult.class, CancelConsult.class, CompleteTransfer.class,
                    Conference.class, Redirect.class, AgentWrapUp.class,
                    AgentReady.class)) {
                assertTrue(adapter.supports(type), type.getSimpleName());
            }
            assertFalse(adapter.supports(SubmitTask.class));
        }
    }

    static List<Map.Entry<String, String>> agentState(String agent, String state) {
        return List.of(Map.entry("Event-Name", "CUSTOM"), Map.entry("Event-Subclass", "callcenter::info"),
                Map.entry("Event-Date-Timestamp", "1763900300000000"), Map.entry("CC-Action", "agent-state-change"),
                Map.entry("CC-Agent", agent), Map.entry("CC-Agent-State", state));
    }

    @Test
    void completeTransferBridgesTheHeldPartyToTheConsultedOne() throws Exception {
        // a consultation call from the agent's second line (device 1002 here) to 1003
        h.replay(List.of(
                channel("CHANNEL_CREATE", B2, B2, "sofia/internal/1001@127.0.0.1", "inbound"),
                channel("CHANNEL_CREATE", C, B2, "sofia/internal/1003@127.0.0.1", "outbound"),
                channel("CHANNEL_ANSWER", C, B2, "sofia/internal/1003@127.0.0.1", "outbound")));
        h.server.commands.clear();
        ok(h.engine.completeTransfer(A, B2));
        assertEquals(List.of("bgapi uuid_bridge " + A + " " + C, "bgapi uuid_kill " + B, "bgapi uuid_kill " + B2),
                List.copyOf(h.server.commands));
    }

    @Test
    void commandsFailFastWhileTheLinkIsDown() {
        h.server.close();   // stops listening first, so the adapter cannot reconnect and resync in between
        await().atMost(Duration.ofSeconds(5)).until(() -> !h.links(LinkState.DOWN).isEmpty());
        assertInstanceOf(LinkDownException.class, failure(h.engine.hold(A, B)));
    }

    static List<Map.Entry<String, String>> channel(String event, String uuid, String callUuid, String name, String dir) {
        return List.of(Map.entry("Event-Name", event), Map.entry("Event-Date-Timestamp", "1763900100000000"),
                Map.entry("Unique-ID", uuid), Map.entry("Channel-Call-UUID", callUuid),
                Map.entry("Channel-Name", name), Map.entry("Call-Direction", dir),
                Map.entry("Caller-Caller-ID-Number", "1001"), Map.entry("Caller-Destination-Number", "1003"),
                Map.entry("Caller-Context", "default"));
    }
}

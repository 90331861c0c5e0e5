package io.callwire.adapter.csta;

import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Hold;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands through a real engine become CSTA services with the switch's current call and connection ids. */
class CstaCommandTest {
    private static final String ANI = "+4930123456";
    private CstaHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private CommandResult run(CtiCommand command) throws Exception {
        return h.engine.execute(command).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Throwable refused(CtiCommand command) {
        return assertThrows(ExecutionException.class, () -> run(command)).getCause();
    }

    private XmlElement lastRequest(String name) {
        List<XmlElement> all = h.pbx.bodies.stream().filter(b -> b.name().equals(name)).toList();
        return all.get(all.size() - 1);
    }

    @Test
    void makeCallAnswerHoldRetrieveDigitsAndClearCall() throws Exception {
        h = new CstaHarness("").awaitResynced(1);
        CommandResult made = run(new MakeCall("", "1001", "1002", Map.of("ticket", "7")));
        assertEquals(new CommandResult("101", "101:1001", "MakeCallResponse"), made);
        assertEquals("ticket=7", lastRequest("MakeCall").text("userData", "string"));
        h.await(LegAlerting.class, e -> e.legId().equals("101:1002"));
        assertEquals("101:1002", run(new Answer("101", "")).legId());
        assertEquals(new CstaIds.ConnectionId("101", "1002"), CstaIds.connection(lastRequest("AnswerCall"), "callToBeAnswered"));
        h.await(LegConnected.class, e -> e.legId().equals("101:1001"));
        run(new Hold("101", "101:1002"));
        h.await(LegHeld.class, e -> e.legId().equals("101:1002"));
        run(new Retrieve("101", "101:1002"));
        h.await(LegRetrieved.class, e -> e.legId().equals("101:1002"));
        run(new SendDtmf("101", "101:1001", "12#"));
        assertEquals("12#", lastRequest("GenerateDigits").text("charactersToSend"));
        run(new HangUp("101", ""));
        h.await(CallEnded.class, e -> e.callId().equals("101"));
        assertEquals(0, h.engine.metrics().illegalTransitions());
        Throwable unsupported = refused(new StartRecording("101", "x"));
        assertInstanceOf(io.callwire.core.command.CommandException.class, unsupported);
    }

    @Test
    void consultAndCompleteTransferThenCommandsFollowTheNewCallId() throws Exception {
        h = new CstaHarness("").awaitResynced(1);
        String c1 = answeredInbound("1001");
        CommandResult consult = run(new Consult(c1, "", "1002"));
        assertEquals("102", consult.callId());
        assertEquals(new CstaIds.ConnectionId(c1, "1001"), CstaIds.connection(lastRequest("ConsultationCall"), "existingCall"));
        h.await(LegAlerting.class, e -> e.legId().equals("102:1002"));
        h.pbx.answer("102", "1002");
        h.await(LegConnected.class, e -> e.legId().equals("102:1002"));
        assertEquals(c1, run(new CompleteTransfer(c1, "102")).callId());
        XmlElement transfer = lastRequest("TransferCall");
        assertEquals(new CstaIds.ConnectionId(c1, "1001"), CstaIds.connection(transfer, "heldCall"));
        assertEquals(new CstaIds.ConnectionId("102", "1001"), CstaIds.connection(transfer, "activeCall"));
        CallTransferred t = h.await(CallTransferred.class, e -> true);
        assertEquals(TransferKind.ATTENDED, t.kind());
        run(new Hold(c1, "102:1002"));
        assertEquals(new CstaIds.ConnectionId("103", "1002"), CstaIds.connection(lastRequest("HoldCall"), "callToBeHeld"));
        run(new HangUp(c1, "102:1002"));
        assertEquals(new CstaIds.ConnectionId("103", "1002"), CstaIds.connection(lastRequest("ClearConnection"), "connectionToBeCleared"));
        h.await(CallEnded.class, e -> e.callId().equals(c1));
    }

    @Test
    void cancelConsultReconnectsAndConferenceJoins() throws Exception {
        h = new CstaHarness("").awaitResynced(1);
        String c1 = answeredInbound("1001");
        String first = run(new Consult(c1, "", "1002")).callId();
        h.await(LegAlerting.class, e -> e.legId().equals(first + ":1002"));
        run(new CancelConsult(c1, first));
        h.await(CallEnded.class, e -> e.callId().equals(first));
        h.await(LegRetrieved.class, e -> e.legId().equals(c1 + ":1001"));
        String second = run(new Consult(c1, "", "1003")).callId();
        h.pbx.answer(second, "1003");
        h.await(LegConnected.class, e -> e.legId().equals(second + ":1003"));
        run(new Conference(c1, second));
        CallConferenced conf = h.await(CallConferenced.class, e -> true);
        assertEquals(c1, conf.callId());
        Call call = h.snapshot().call(c1).orElseThrow();
        assertEquals(Set.of(c1, second, String.valueOf(Integer.parseInt(second) + 1)), call.aliases());
        assertEquals(0, h.engine.metrics().illegalTransitions());
    }

    @Test
    void redirectDeflectsARingingCallAndBlindTransferSendsItOn() throws Exception {
        h = new CstaHarness("").awaitResynced(1);
        String c1 = h.pbx.inboundQueued(ANI, "5000", "", "");
        h.pbx.deliver(c1, "1001");
        h.await(LegAlerting.class, e -> e.legId().equals(c1 + ":1001"));
        run(new Redirect(c1, "", "1002"));
        CallDiverted d = h.await(CallDiverted.class, e -> true);
        assertEquals("1001", d.fromDeviceId());
        assertEquals("1002", d.toDeviceId());
        assertEquals("1002", h.snapshot().call(c1).orElseThrow().legs().stream()
                .filter(l -> l.id().equals(c1 + ":1001")).findFirst().orElseThrow().deviceId());
        h.pbx.answer(c1, "1002");
        h.await(LegConnected.class, e -> e.legId().equals(c1 + ":1001"));
        run(new BlindTransfer(c1, "", "1003"));
        assertEquals("1003", lastRequest("SingleStepTransferCall").text("transferredTo"));
        CallTransferred t = h.await(CallTransferred.class, e -> true);
        assertEquals(TransferKind.BLIND, t.kind());
        assertEquals(List.of(c1), t.oldCallIds());
        h.await(LegAlerting.class, e -> e.deviceId().equals("1003"));
        Call call = h.snapshot().call(c1).orElseThrow();
        assertEquals(Map.of(c1 + ":" + ANI, "CONNECTED", c1 + ":1001", "CLEARED", "102:1003", "ALERTING"),
                CstaCallFlowTest.states(call));
        assertEquals(0, h.engine.metrics().illegalTransitions());
    }

    @Test
    void theSwitchsErrorCodeBecomesSwitchRejectedAndSilenceATimeout() throws Exception {
        h = new CstaHarness("&requestTimeout=300").awaitResynced(1);
        String c1 = answeredInbound("1001");
        h.pbx.reject("HoldCall", "stateIncompatibility", "invalidCallState");
        SwitchRejectedException rejected = assertInstanceOf(SwitchRejectedException.class, refused(new Hold(c1, "")));
        assertEquals("stateIncompatibility: invalidCallState", rejected.reason());
        h.pbx.ignore("GenerateDigits");
        assertInstanceOf(CommandTimeoutException.class, refused(new SendDtmf(c1, "", "5")));
        assertEquals("call " + c1 + " has no party the command can act on",
                assertInstanceOf(SwitchRejectedException.class, refused(new Retrieve(c1, ""))).reason());
        assertInstanceOf(SwitchRejectedException.class, refused(new AgentReady("7777")));
        SwitchRejectedException tooLarge = assertInstanceOf(SwitchRejectedException.class,
                refused(new MakeCall("", "1001", "1002", Map.of("uui", "x".repeat(70_000)))));
        assertTrue(tooLarge.reason().matches("outgoing frame of 70\\d{3} bytes exceeds the limit of 65535 bytes \\(invoke id \\d+\\)"),
                tooLarge.reason());
        assertEquals(0, h.engine.metrics().handlerErrors());
        assertInstanceOf(UnsupportedCommandException.class, refused(new StartRecording(c1, "x")));
    }

    @Test
    void agentCommandsSetTheAgentStateOnTheStation() throws Exception {
        h = new CstaHarness("").awaitResynced(1);
        run(new AgentLogin("", "2001", "1001", List.of("5000")));
        XmlElement login = lastRequest("SetAgentState");
        assertEquals(List.of("1001", "loggedOn", "2001", "5000"), List.of(login.text("device"),
                login.text("requestedAgentState"), login.text("agentID"), login.text("group")));
        h.await(AgentStateChanged.class, e -> e.state() == AgentState.NOT_READY);
        run(new AgentReady("2001"));
        h.await(AgentStateChanged.class, e -> e.state() == AgentState.READY);
        run(new AgentNotReady("2001", "12"));
        h.await(AgentStateChanged.class, e -> e.reason().equals("12"));
        run(new AgentWrapUp("2001", "5"));
        h.await(AgentStateChanged.class, e -> e.state() == AgentState.WRAP_UP && e.reason().equals("5"));
        run(new AgentLogout("2001"));
        h.await(AgentStateChanged.class, e -> e.state() == AgentState.LOGGED_OUT);
        assertEquals("1001", h.snapshot().agent("2001").orElseThrow().deviceId());
    }

    @Test
    void agentStatesArePolledWhereTheSwitchSendsNoAgentEvents() throws Exception {
        h = new CstaHarness("&agentPoll=50&agentDevices=1001").awaitResynced(1);
        h.pbx.agentEvents(false);
        h.pbx.agentState("1001", "2001", "agentReady");
        h.await(AgentStateChanged.class, e -> e.agentId().equals("2001") && e.state() == AgentState.READY);
        run(new AgentWrapUp("2001", ""));
        h.await(AgentStateChanged.class, e -> e.state() == AgentState.WRAP_UP);
        await().atMost(Duration.ofSeconds(5)).until(() -> h.pbx.requests.stream().filter("GetAgentState"::equals).count() > 10);
        assertEquals(2, h.all(AgentStateChanged.class).size(), "one event per change, not per poll");
    }

    private String answeredInbound(String station) {
        String id = h.pbx.inboundQueued(ANI, "5000", "", "");
        h.pbx.deliver(id, station);
        h.pbx.answer(id, station);
        h.await(LegConnected.class, e -> e.legId().equals(id + ":" + station));
        return id;
    }
}

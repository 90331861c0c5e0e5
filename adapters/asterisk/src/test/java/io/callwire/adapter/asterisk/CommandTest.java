package io.callwire.adapter.asterisk;

import io.callwire.core.command.Answer;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Hold;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.MonitorMode;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.UnsupportedCommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.callwire.adapter.asterisk.AmiHarness.done;
import static io.callwire.adapter.asterisk.AmiHarness.failure;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands become AMI actions on the wire; replies complete them, errors carry the switch's Message. */
class CommandTest {
    private static final String CALL = "1763901000.10";
    private static final String CALLER = "1763901000.10";
    private static final String CALLED = "1763901000.11";
    private AmiHarness h;

    @BeforeEach
    void connectedCall() throws Exception {
        h = AmiHarness.started("context=agents-out", Duration.ofSeconds(2));
        h.play("hold-retrieve.ami", 0);
        h.play("hold-retrieve.ami", 1);
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void makeCallOriginatesWithAKnownChannelIdThatBecomesTheCallId() throws Exception {
        CommandResult r = done(h.engine.makeCall("1001", "+4930123456"));
        Map<String, String> o = h.lastAction("Originate");
        assertEquals("PJSIP/1001", o.get("channel"));
        assertEquals("agents-out", o.get("context"));
        assertEquals("+4930123456", o.get("exten"));
        assertEquals("1", o.get("priority"));
        assertEquals("true", o.get("async"));
        assertEquals(r.callId(), o.get("channelid"));
        assertTrue(r.callId().startsWith(AsteriskAdapter.ORIGINATE_PREFIX), r.callId());
    }

    @Test
    void hangUpOneLegOrTheWholeCall() throws Exception {
        done(h.engine.hangUp(CALL, CALLED));
        assertEquals("PJSIP/1002-00000011", h.lastAction("Hangup").get("channel"));
        done(h.engine.hangUpCall(CALL));
        assertEquals(List.of("PJSIP/1002-00000011", "PJSIP/1001-00000010", "PJSIP/1002-00000011"),
                h.server.actions("Hangup").stream().map(a -> a.get("channel")).toList());
    }

    @Test
    void transfersRedirectAndConsultation() throws Exception {
        done(h.engine.blindTransfer(CALL, CALLER, "2000"));
        Map<String, String> b = h.lastAction("BlindTransfer");
        assertEquals(List.of("PJSIP/1001-00000010", "agents-out", "2000"),
                List.of(b.get("channel"), b.get("context"), b.get("exten")));
        done(h.engine.redirect(CALL, CALLED, "3000"));
        assertEquals("3000", h.lastAction("Redirect").get("exten"));
        assertEquals("PJSIP/1002-00000011", h.lastAction("Redirect").get("channel"));
        done(h.engine.consult(CALL, CALLER, "4000"));
        assertEquals("4000", h.lastAction("Atxfer").get("exten"));
        assertEquals("PJSIP/1001-00000010", h.lastAction("Atxfer").get("channel"));
    }

    @Test
    void completeAPhoneMadeConsultationByBridgingTheHeldAndTheConsultedParty() throws Exception {
        h.play("attended-transfer.ami", 0);
        done(h.engine.completeTransfer("1763903000.30", "1763903015.32"));
        Map<String, String> bridge = h.lastAction("Bridge");
        assertEquals(List.of("PJSIP/provider-00000030", "PJSIP/1002-00000033"),
                List.of(bridge.get("channel1"), bridge.get("channel2")));
        assertEquals(List.of("PJSIP/1001-00000031", "PJSIP/1001-00000032"),
                h.server.actions("Hangup").stream().map(a -> a.get("channel")).toList());
        done(h.engine.cancelConsult("1763903000.30", "1763903015.32"));
        assertEquals("PJSIP/1002-00000033", h.lastAction("Hangup").get("channel"));
    }

    @Test
    void anAtxferConsultationSharesTheCallAndCompletesWhenTheTransfererHangsUp() throws Exception {
        done(h.engine.consult(CALL, CALLER, "4000"));
        done(h.engine.cancelConsult(CALL, CALL));
        assertEquals("PJSIP/1002-00000011", h.lastAction("Hangup").get("channel"), "the newest other leg is the consulted one");
        done(h.engine.completeTransfer(CALL, CALL));
        assertEquals("PJSIP/1001-00000010", h.lastAction("Hangup").get("channel"));
        h.close();
        h = AmiHarness.started("");
        h.play("hold-retrieve.ami", 0);
        Throwable none = failure(h.engine.completeTransfer(CALL, CALL));
        assertTrue(assertInstanceOf(SwitchRejectedException.class, none).reason().contains("no consultation"));
    }

    @Test
    void dtmfRecordingMonitorAndCallData() throws Exception {
        done(h.engine.sendDtmf(CALL, CALLER, "12#"));
        assertEquals(List.of("1", "2", "#"), h.server.actions("PlayDTMF").stream().map(a -> a.get("digit")).toList());
        CommandResult rec = done(h.engine.execute(new StartRecording(CALL, "/var/spool/asterisk/monitor/x.wav")));
        assertEquals("/var/spool/asterisk/monitor/x.wav", h.lastAction("MixMonitor").get("file"));
        assertEquals(rec.legId(), CALLER);
        done(h.engine.stopRecording(CALL));
        assertEquals("PJSIP/1001-00000010", h.lastAction("StopMixMonitor").get("channel"));
        done(h.engine.monitor(CALL, "2001", MonitorMode.BARGE));
        Map<String, String> spy = h.lastAction("Originate");
        assertEquals(List.of("PJSIP/2001", "ChanSpy", "PJSIP/1001-00000010,qBE"),
                List.of(spy.get("channel"), spy.get("application"), spy.get("data")));
        done(h.engine.attachData(CALL, Map.of("ticket", "T-4711")));
        Map<String, String> set = h.lastAction("Setvar");
        assertEquals(List.of("CALLWIRE_ticket", "T-4711"), List.of(set.get("variable"), set.get("value")));
    }

    @Test
    void attachedDataComesBackAsCallDataWhenAsteriskReportsTheVariable() throws Exception {
        h.server.send("""
                Event: VarSet
                Privilege: dialplan,all
                Channel: PJSIP/1001-00000010
                Uniqueid: 1763901000.10
                Linkedid: 1763901000.10
                Variable: CALLWIRE_ticket
                Value: T-4711
                
                """);
        await().atMost(AmiHarness.WAIT).until(() -> "T-4711".equals(h.snapshot().call(CALL).orElseThrow()
                .data().get("ticket")));
    }

    @Test
    void agentStateThroughQueueMembership() throws Exception {
        done(h.engine.login("Local/1001@agents", "1001", List.of("support", "sales")));
        assertEquals(List.of("support", "sales"), h.server.actions("QueueAdd").stream().map(a -> a.get("queue")).toList());
        assertEquals("PJSIP/1001", h.lastAction("QueueAdd").get("stateinterface"));
        done(h.engine.notReady("Local/1001@agents", "lunch"));
        assertEquals(List.of("true", "lunch"), List.of(h.lastAction("QueuePause").get("paused"), h.lastAction("QueuePause").get("reason")));
        done(h.engine.ready("Local/1001@agents"));
        assertEquals("false", h.lastAction("QueuePause").get("paused"));
        done(h.engine.wrapUp("Local/1001@agents", "notes"));
        assertEquals("wrap-up: notes", h.lastAction("QueuePause").get("reason"));
        h.server.send("""
                Event: QueueMemberAdded
                Privilege: agent,all
                Queue: support
                MemberName: Agent 1001
                Interface: Local/1001@agents
                StateInterface: PJSIP/1001
                Membership: dynamic
                Penalty: 0
                CallsTaken: 0
                LastCall: 0
                LastPause: 0
                LoginTime: 1763899000
                InCall: 0
                Status: 1
                Paused: 0
                PausedReason:\s
                Ringinuse: 0
                Wrapuptime: 0
                
                """);
        h.settle();
        done(h.engine.logout("Local/1001@agents"));
        assertEquals("support", h.lastAction("QueueRemove").get("queue"));
        assertEquals("Local/1001@agents", h.lastAction("QueueRemove").get("interface"));
    }

    @Test
    void aRejectedActionCarriesTheSwitchsMessage() {
        h.server.reject("Redirect", "Channel 'PJSIP/1002-00000011' not found");
        Throwable e = failure(h.engine.redirect(CALL, CALLED, "3000"));
        SwitchRejectedException rejected = assertInstanceOf(SwitchRejectedException.class, e);
        assertEquals("Redirect: Channel 'PJSIP/1002-00000011' not found", rejected.reason());
    }

    @Test
    void commandsWithoutAnAmiActionAreUnsupported() {
        assertInstanceOf(UnsupportedCommandException.class, failure(h.engine.execute(new Answer(CALL, CALLED))));
        assertInstanceOf(UnsupportedCommandException.class, failure(h.engine.execute(new Hold(CALL, CALLER))));
        assertInstanceOf(UnsupportedCommandException.class, failure(h.engine.execute(new Conference(CALL, CALL))));
    }

    @Test
    void anUnansweredActionTimesOutInTheEngine() {
        h.server.mute();
        assertInstanceOf(CommandTimeoutException.class, failure(h.engine.hangUp(CALL, CALLED)));
    }
}

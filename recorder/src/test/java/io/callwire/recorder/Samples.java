package io.callwire.recorder;

import io.callwire.core.command.*;
import io.callwire.core.event.*;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Channel;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;

import java.util.List;
import java.util.Map;

/** One instance of every event and command record, with every field set (some null where the record allows). */
public final class Samples {
    private Samples() {
    }

    public static Envelope env(long seq, String callId, String legId) {
        return new Envelope(seq, "pbx", 1_700_000_000_000L + seq, callId, legId, "1001", false, null);
    }

    public static List<CtiEvent> events() {
        Envelope raw = new Envelope(7, "pbx", 1_700_000_000_007L, "c1", "l1", "1001", true, "Event: Newchannel\r\nCallerIDNum: +4930111");
        return List.of(
                new CallStarted(env(1, "c1", ""), Direction.INBOUND, "+4930123456", "5000", null),
                new LegCreated(env(2, "c1", "l1"), LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK, "+4930123456"),
                new LegAlerting(env(3, "c1", "l2")),
                new CallQueued(env(4, "c1", "l1"), "sales"),
                new LegConnected(env(5, "c1", "l1")),
                new LegHeld(env(6, "c1", "l1")),
                new LegRetrieved(raw),
                new LegFailed(env(8, "c1", "l3"), "busy"),
                new LegCleared(env(9, "c1", "l1"), "normal"),
                new CallEnded(env(10, "c1", ""), "normal"),
                new CallDiverted(env(11, "c1", "l2"), "1001", "1002", "no answer"),
                new CallTransferred(env(12, "c2", ""), List.of("c1", "c3"), TransferKind.ATTENDED, "1001", "+4930999"),
                new CallConferenced(env(13, "c2", ""), List.of("c4"), List.of("1001", "1002", "1003")),
                new CallDataChanged(env(14, "c2", ""), Map.of("customer", "K-42", "ümlaut", "wert ß")),
                new CallAliased(env(14, "c2", ""), "00001002811700000000"),
                new CallAbandoned(env(15, "c5", "l9"), "support", 12_345),
                new AgentStateChanged(env(16, "", ""), "agent-01", AgentState.NOT_READY, "lunch"),
                new DtmfReceived(env(17, "c2", "l1"), "#"),
                new RecordingStarted(env(18, "c2", ""), "rec-1", "/var/rec/c2.wav"),
                new RecordingStopped(env(19, "c2", ""), "rec-1"),
                new LinkStateChanged(env(20, "", ""), LinkState.RESYNCED, "after reconnect"),
                new RawEvent(env(21, "c2", ""), "VarSet", Map.of("Variable", "X", "Value", "1")),
                new Tick(env(22, "", "")),
                new TaskQueued(env(23, "c2", ""), "t1", "sales", -3),
                new AgentReserved(env(24, "c2", ""), "t1", "agent-01", "r1"),
                new TaskAssigned(env(25, "c2", ""), "t1", "agent-01", "r1"),
                new ReservationRejected(env(26, "c2", ""), "t1", "agent-01", "r1", "busy"),
                new ReservationTimedOut(env(27, "c2", ""), "t1", "agent-02", "r2"),
                new TaskOverflowed(env(28, "c2", ""), "t1", "sales", "support"),
                new TaskCompleted(env(29, "c2", ""), "t1", "agent-01", "done"));
    }

    public static List<CtiCommand> commands() {
        return List.of(
                new MakeCall("pbx", "1001", "+4930555", Map.of("ticket", "T-1")),
                new Answer("c1", "l1"), new HangUp("c1", ""), new Hold("c1", "l1"), new Retrieve("c1", "l1"),
                new BlindTransfer("c1", "l1", "+4930666"), new Consult("c1", "l1", "1002"),
                new CompleteTransfer("c1", "c2"), new CancelConsult("c1", "c2"), new Conference("c1", "c2"),
                new Redirect("c1", "l1", "5001"), new SendDtmf("c1", "l1", "12#"),
                new StartRecording("c1", "/rec"), new StopRecording("c1"),
                new Monitor("c1", "1999", MonitorMode.WHISPER), new AttachData("c1", Map.of("k", "v")),
                new AgentLogin("pbx", "agent-01", "1001", List.of("sales", "support")), new AgentLogout("agent-01"),
                new AgentReady("agent-01"), new AgentNotReady("agent-01", "break"), new AgentWrapUp("agent-01", "notes"),
                new SubmitTask("t-1", "repairs", Channel.WORK_ITEM, 5, "+4930777", 1_700_000_100_000L, "c9",
                        Map.of("category", "repair")),
                new AcceptTask("r-1"), new RejectTask("r-2", "busy"), new CompleteTask("t-1"),
                new CancelTask("t-2", "duplicate"), new ReprioritizeTask("t-3", -2),
                new ConfigureQueue("repairs", Map.of("strategy", "best_proficiency", "maxWait", "PT2M")));
    }
}

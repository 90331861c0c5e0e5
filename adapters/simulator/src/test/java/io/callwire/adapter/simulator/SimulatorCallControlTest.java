package io.callwire.adapter.simulator;

import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.MonitorMode;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.UnknownCallException;
import io.callwire.core.command.UnknownLegException;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.Tick;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call control on the simulator through the real engine. Three manual agents (stations 1001-1003) act only on
 * commands, and no traffic is generated, so every event comes from a command of the test.
 */
class SimulatorCallControlTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CALLER = "+4930111222";

    private final List<CtiEvent> events = new CopyOnWriteArrayList<>();
    private CtiEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = CtiEngine.builder()
                .switchUri("sim:?agents=3&callsPerMinute=0&speed=0&epoch=1767225600000"
                        + "&manualAgents=agent-01,agent-02,agent-03")
                .listener("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST))
                .start();
        for (int n = 1; n <= 3; n++) {
            ok(engine.execute(new AgentLogin("", "agent-0" + n, "100" + n, List.of())));
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static CommandResult ok(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        return assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause();
    }

    /** An inbound call from {@link #CALLER} ringing at a station; returns the call id and the caller's leg. */
    private CommandResult ring(String station) throws Exception {
        return ok(engine.makeCall(CALLER, station));
    }

    private String legAt(String callId, String device) {
        return call(callId).legs().stream().filter(l -> l.deviceId().equals(device) && !l.state().isTerminal())
                .findFirst().orElseThrow().id();
    }

    private Call call(String callId) {
        return snapshot().call(callId).orElseThrow(() -> new AssertionError("no call " + callId));
    }

    private EngineSnapshot snapshot() {
        return engine.awaitSnapshot(WAIT);
    }

    private static Leg leg(Call call, String legId) {
        return call.legs().stream().filter(l -> l.id().equals(legId)).findFirst().orElseThrow();
    }

    private <T extends CtiEvent> T awaitEvent(Class<T> type, Predicate<T> match) {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> type.isInstance(e) && match.test(type.cast(e))));
        return events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst().orElseThrow();
    }

    /** The call's events without ticks and agent states, as "Type legId" strings, in ring order. */
    private List<String> story(String callId) {
        return events.stream().filter(e -> e.callId().equals(callId) && !(e instanceof Tick))
                .map(e -> e.getClass().getSimpleName() + (e.legId().isEmpty() ? "" : " " + e.legId())).toList();
    }

    @Test
    void aTwoLegCallWithHoldIsTrackedFromRingToEnd() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String caller = ringing.legId();
        String agent = legAt(callId, "1001");
        Call alerting = call(callId);
        assertEquals(CALLER, alerting.ani());
        assertEquals(LegState.ALERTING, leg(alerting, agent).state());
        assertEquals(LegRole.AGENT, leg(alerting, agent).role());

        ok(engine.answer(callId, agent));
        Call talking = call(callId);
        assertEquals(2, talking.legs().size());
        assertEquals(LegState.CONNECTED, leg(talking, caller).state());
        assertEquals(LegRole.CALLER, leg(talking, caller).role());
        assertEquals(LegState.CONNECTED, leg(talking, agent).state());

        ok(engine.hold(callId, caller));
        assertEquals(LegState.HELD, leg(call(callId), caller).state());
        ok(engine.retrieve(callId, caller));
        assertEquals(LegState.CONNECTED, leg(call(callId), caller).state());
        ok(engine.hangUp(callId, agent));

        awaitEvent(CallEnded.class, e -> e.callId().equals(callId));
        assertEquals(List.of("CallStarted", "LegCreated " + caller, "LegCreated " + agent, "LegAlerting " + agent,
                "LegConnected " + agent, "LegConnected " + caller, "LegHeld " + caller, "LegRetrieved " + caller,
                "LegCleared " + agent, "LegCleared " + caller, "CallEnded"), story(callId));
        assertEquals(List.of(), snapshot().calls());
        assertEquals(0, engine.metrics().illegalTransitions());
    }

    @Test
    void aBlindTransferKeepsTheCallAndMovesItToAnotherStation() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String first = legAt(callId, "1001");
        ok(engine.answer(callId, first));

        ok(engine.blindTransfer(callId, first, "1002"));
        CallTransferred transferred = awaitEvent(CallTransferred.class, e -> e.callId().equals(callId));
        assertEquals(TransferKind.BLIND, transferred.kind());
        assertEquals("1001", transferred.transferringDeviceId());
        assertEquals("1002", transferred.destination());
        String second = legAt(callId, "1002");
        Call moved = call(callId);
        assertEquals(LegState.CLEARED, leg(moved, first).state());
        assertEquals(LegState.ALERTING, leg(moved, second).state());
        assertEquals(LegState.CONNECTED, leg(moved, ringing.legId()).state());

        ok(engine.answer(callId, second));
        Call after = call(callId);
        assertEquals(LegState.CONNECTED, leg(after, second).state());
        assertEquals(1, snapshot().calls().size(), "still one call, same id");
        assertEquals(0, engine.metrics().illegalTransitions());
    }

    /** Caller talking to 1001, held while 1001 consults 1002, who answers. Returns {call, consult}. */
    private String[] consulting() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        ok(engine.answer(callId, legAt(callId, "1001")));
        CommandResult consult = ok(engine.consult(callId, legAt(callId, "1001"), "1002"));
        String consultId = consult.callId();
        assertEquals(callId, call(consultId).parentCallId());
        assertEquals(LegState.HELD, leg(call(callId), ringing.legId()).state());
        ok(engine.answer(consultId, legAt(consultId, "1002")));
        assertTrue(call(consultId).legs().stream().allMatch(l -> l.state() == LegState.CONNECTED));
        return new String[] {callId, consultId};
    }

    @Test
    void aConsultativeTransferLeavesOneCallBetweenCallerAndTarget() throws Exception {
        String[] ids = consulting();
        ok(engine.completeTransfer(ids[0], ids[1]));
        CallTransferred transferred = awaitEvent(CallTransferred.class, e -> e.callId().equals(ids[0]));
        assertEquals(TransferKind.ATTENDED, transferred.kind());
        assertEquals(List.of(ids[1]), transferred.oldCallIds());
        awaitEvent(LegRetrieved.class, e -> e.callId().equals(ids[0]));

        EngineSnapshot after = snapshot();
        assertEquals(1, after.calls().size());
        Call call = after.calls().get(0);
        assertEquals(ids[0], call.id());
        assertTrue(call.aliases().contains(ids[1]));
        List<String> talking = call.legs().stream().filter(l -> l.state() == LegState.CONNECTED)
                .map(Leg::deviceId).sorted().toList();
        assertEquals(List.of(CALLER, "1002"), talking);

        ok(engine.hangUpCall(ids[0]));
        awaitEvent(CallEnded.class, e -> e.callId().equals(ids[0]));
        assertEquals(List.of(), snapshot().calls());
        assertEquals(0, engine.metrics().illegalTransitions());
        assertEquals(0, engine.metrics().untrackedEvents());
    }

    @Test
    void cancellingAConsultationReturnsToTheCaller() throws Exception {
        String[] ids = consulting();
        ok(engine.cancelConsult(ids[0], ids[1]));
        awaitEvent(CallEnded.class, e -> e.callId().equals(ids[1]));
        Call call = call(ids[0]);
        assertTrue(call.legs().stream().allMatch(l -> l.state() == LegState.CONNECTED), call.toString());
        assertEquals(1, snapshot().calls().size());
    }

    @Test
    void aConferenceJoinsAllThreeParties() throws Exception {
        String[] ids = consulting();
        ok(engine.conference(ids[0], ids[1]));
        CallConferenced conferenced = awaitEvent(CallConferenced.class, e -> e.callId().equals(ids[0]));
        assertEquals(List.of(ids[1]), conferenced.oldCallIds());
        List<String> talking = call(ids[0]).legs().stream().filter(l -> l.state() == LegState.CONNECTED)
                .map(Leg::deviceId).sorted().toList();
        assertEquals(List.of(CALLER, "1001", "1002"), talking);
        assertEquals(1, snapshot().calls().size());
    }

    @Test
    void dtmfRecordingMonitoringAndCallDataReachTheCall() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        ok(engine.answer(callId, legAt(callId, "1001")));
        ok(engine.sendDtmf(callId, ringing.legId(), "12#"));
        await().atMost(WAIT).until(() -> events.stream().filter(DtmfReceived.class::isInstance).count() == 3);
        String recording = ok(engine.startRecording(callId)).detail();
        assertEquals(recording, awaitEvent(RecordingStarted.class, e -> e.callId().equals(callId)).recordingId());
        assertInstanceOf(SwitchRejectedException.class, failure(engine.startRecording(callId)));
        ok(engine.stopRecording(callId));
        CommandResult monitor = ok(engine.monitor(callId, "1003", MonitorMode.LISTEN));
        assertEquals(LegRole.SUPERVISOR, leg(call(callId), monitor.legId()).role());
        ok(engine.attachData(callId, Map.of("ticket", "WO-17")));
        await().atMost(WAIT).until(() -> "WO-17".equals(call(callId).data().get("ticket")));
    }

    @Test
    void impossibleCommandsFailWithTypedErrorsAndChangeNothing() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String agent = legAt(callId, "1001");

        Throwable holdRinging = failure(engine.hold(callId, agent));
        assertInstanceOf(SwitchRejectedException.class, holdRinging);
        assertEquals("leg " + agent + " is ALERTING, not CONNECTED", ((SwitchRejectedException) holdRinging).reason());
        assertInstanceOf(UnknownLegException.class, failure(engine.answer(callId, "L999")));
        assertInstanceOf(UnknownCallException.class, failure(engine.hangUpCall("sim-999")));
        assertEquals("station 1001 is busy",
                ((SwitchRejectedException) failure(engine.execute(new MakeCall("+4930999", "1001")))).reason());
        assertEquals("call " + callId + " has no connected agent leg to transfer from",
                ((SwitchRejectedException) failure(engine.blindTransfer(callId, agent, "1002"))).reason());
        assertEquals("unknown destination 9999",
                ((SwitchRejectedException) failure(engine.redirect(callId, agent, "9999"))).reason());
        assertEquals(LegState.ALERTING, leg(call(callId), agent).state());
        assertEquals(List.of("CallStarted", "LegCreated " + ringing.legId(), "LegCreated " + agent,
                "LegAlerting " + agent), story(callId));
    }

    @Test
    void anOutboundCallRingsTheFarEndWhichAnswers() throws Exception {
        CommandResult dialled = ok(engine.makeCall("1002", "+4940555"));
        awaitEvent(LegConnected.class, e -> e.callId().equals(dialled.callId()) && e.legId().equals(dialled.legId()));
        CallStarted started = awaitEvent(CallStarted.class, e -> e.callId().equals(dialled.callId()));
        assertEquals("+4940555", started.dnis());
        assertTrue(events.stream().anyMatch(e -> e instanceof LegAlerting && e.callId().equals(dialled.callId())));
        assertTrue(events.stream().anyMatch(e -> e instanceof LegCreated c && c.role() == LegRole.CALLED));
        ok(engine.hangUp(dialled.callId(), dialled.legId()));
        awaitEvent(CallEnded.class, e -> e.callId().equals(dialled.callId()));
        assertTrue(events.stream().noneMatch(e -> e instanceof LegHeld));
        assertEquals(2, events.stream().filter(e -> e instanceof LegCleared && e.callId().equals(dialled.callId())).count());
    }
}

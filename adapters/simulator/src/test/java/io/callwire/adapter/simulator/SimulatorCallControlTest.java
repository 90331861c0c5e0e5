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
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.Tick;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
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
 * Call control on the simulator through the real engine. Three manual agents (stations 1001-1003), logged in but
 * not ready, act only on commands, and no traffic is generated, so every event comes from a command of the test.
 * Every test ends with no illegal leg transition and no untracked event.
 */
class SimulatorCallControlTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CALLER = "+4930111222";

    private final List<CtiEvent> events = new CopyOnWriteArrayList<>();
    private CtiEngine engine;

    @BeforeEach
    void start() throws Exception {
        engine = CtiEngine.builder()
                .adapter(new SimulatorProvider().create(io.callwire.core.spi.SwitchUri.parse(
                        "sim:?agents=3&callsPerMinute=0&speed=0&epoch=1767225600000"
                                + "&manualAgents=agent-01,agent-02,agent-03")))
                .listener("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST))
                .start();
        for (int n = 1; n <= 3; n++) {
            ok(engine.execute(new AgentLogin("", "agent-0" + n, "100" + n, List.of())));
        }
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(0, engine.metrics().illegalTransitions(), "illegal transitions");
            assertEquals(0, engine.metrics().untrackedEvents(), "untracked events");
            assertEquals(0, engine.metrics().handlerErrors(), "handler errors");
        } finally {
            engine.close();
        }
    }

    private static CommandResult ok(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        return assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause();
    }

    private static String rejection(CompletionStage<?> stage) {
        return assertInstanceOf(SwitchRejectedException.class, failure(stage)).reason();
    }

    /** An inbound call from {@link #CALLER} ringing at a station; returns the call id and the caller's leg. */
    private CommandResult ring(String station) throws Exception {
        return ok(engine.makeCall(CALLER, station));
    }

    /** The live leg at a device in the engine's view of the call. */
    private String legAt(String callId, String device) {
        return call(callId).legs().stream().filter(l -> l.deviceId().equals(device) && !l.state().isTerminal())
                .findFirst().orElseThrow(() -> new AssertionError("no live leg at " + device + " in " + call(callId))).id();
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

    /** "device state" of the call's live legs, in the order they joined. */
    private List<String> liveLegs(String callId) {
        return call(callId).legs().stream().filter(l -> !l.state().isTerminal())
                .map(l -> l.deviceId() + " " + l.state()).toList();
    }

    private <T extends CtiEvent> T awaitEvent(Class<T> type, Predicate<T> match) {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> type.isInstance(e) && match.test(type.cast(e))));
        return events.stream().filter(type::isInstance).map(type::cast).filter(match).findFirst().orElseThrow();
    }

    private AgentState agentState(String agentId) {
        return snapshot().agent(agentId).orElseThrow().state();
    }

    /** Waits until the listener has received exactly this story of the call (listeners run behind the state). */
    private void assertStory(String callId, List<String> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertEquals(expected, story(callId)));
    }

    /** The call's events without ticks, as "Type legId" strings, in ring order. */
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
        assertEquals(Direction.INBOUND, alerting.direction());
        assertEquals(LegState.ALERTING, leg(alerting, agent).state());
        assertEquals(LegRole.AGENT, leg(alerting, agent).role());
        LegCreated callerCreated = awaitEvent(LegCreated.class, e -> e.legId().equals(caller));
        assertEquals(DeviceType.TRUNK, callerCreated.deviceType());
        assertEquals(LegState.INITIATED, callerCreated.initialState());

        ok(engine.answer(callId, agent));
        EngineSnapshot talking = snapshot();
        assertEquals(1, talking.calls().size());
        Call call = talking.call(callId).orElseThrow();
        assertEquals(2, call.legs().size());
        assertEquals(LegState.CONNECTED, leg(call, caller).state());
        assertEquals(LegRole.CALLER, leg(call, caller).role());
        assertEquals(LegState.CONNECTED, leg(call, agent).state());
        assertEquals(LegRole.AGENT, leg(call, agent).role());
        assertEquals(AgentState.BUSY, agentState("agent-01"));

        ok(engine.hold(callId, caller));
        assertEquals(LegState.HELD, leg(call(callId), caller).state());
        ok(engine.retrieve(callId, caller));
        assertEquals(LegState.CONNECTED, leg(call(callId), caller).state());
        ok(engine.hangUp(callId, agent));

        CallEnded ended = awaitEvent(CallEnded.class, e -> e.callId().equals(callId));
        assertEquals("normal", ended.cause());
        assertStory(callId, List.of("CallStarted", "LegCreated " + caller, "LegCreated " + agent, "LegAlerting " + agent,
                "LegConnected " + agent, "LegConnected " + caller, "LegHeld " + caller, "LegRetrieved " + caller,
                "LegCleared " + agent, "LegCleared " + caller, "CallEnded"));
        assertEquals(List.of(), snapshot().calls());
        assertEquals(AgentState.WRAP_UP, agentState("agent-01"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("LOGGED_OUT", "NOT_READY", "BUSY", "WRAP_UP"),
                events.stream().filter(e -> e instanceof AgentStateChanged s && s.agentId().equals("agent-01"))
                        .map(e -> ((AgentStateChanged) e).state().name()).toList()));
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
        assertEquals(List.of(), transferred.oldCallIds());
        assertEquals("1001", transferred.transferringDeviceId());
        assertEquals("1002", transferred.destination());
        String second = legAt(callId, "1002");
        Call moved = call(callId);
        assertEquals(LegState.CLEARED, leg(moved, first).state());
        assertEquals("transferred", leg(moved, first).cause());
        assertEquals(LegState.ALERTING, leg(moved, second).state());
        assertEquals(List.of(CALLER + " CONNECTED", "1002 ALERTING"), liveLegs(callId));
        assertEquals(AgentState.WRAP_UP, agentState("agent-01"));

        ok(engine.answer(callId, second));
        assertEquals(List.of(CALLER + " CONNECTED", "1002 CONNECTED"), liveLegs(callId));
        assertEquals(1, snapshot().calls().size(), "still one call, same id");
        assertEquals(AgentState.BUSY, agentState("agent-02"));
        assertStory(callId, List.of("CallStarted", "LegCreated " + ringing.legId(), "LegCreated " + first,
                "LegAlerting " + first, "LegConnected " + first, "LegConnected " + ringing.legId(),
                "LegCleared " + first, "CallTransferred", "LegCreated " + second, "LegAlerting " + second,
                "LegConnected " + second));
        assertTrue(events.stream().filter(e -> e.legId().equals(second)).allMatch(e -> e.callId().equals(callId)));
    }

    @Test
    void aBlindTransferToAQueueQueuesTheCaller() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String agent = legAt(callId, "1001");
        ok(engine.answer(callId, agent));
        ok(engine.hold(callId, ringing.legId()));

        ok(engine.blindTransfer(callId, agent, "support"));
        CallQueued queued = awaitEvent(CallQueued.class, e -> e.callId().equals(callId));
        assertEquals("support", queued.queueId());
        assertEquals(List.of(CALLER + " QUEUED"), liveLegs(callId));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("LegCleared " + agent, "CallTransferred",
                "LegRetrieved " + ringing.legId(), "CallQueued " + ringing.legId()), story(callId).subList(7, 11)));
        assertEquals(List.of(callId), snapshot().queue("support").orElseThrow().waitingCallIds());
    }

    /** Caller talking to 1001, held while 1001 consults 1002, who answers. Returns {call, consult, caller leg}. */
    private String[] consulting() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        ok(engine.answer(callId, legAt(callId, "1001")));
        CommandResult consult = ok(engine.consult(callId, legAt(callId, "1001"), "1002"));
        String consultId = consult.callId();
        Call consultation = call(consultId);
        assertEquals(callId, consultation.parentCallId());
        assertEquals(Direction.INTERNAL, consultation.direction());
        assertEquals(LegRole.CONSULT, leg(consultation, consult.legId()).role());
        assertEquals(LegState.HELD, leg(call(callId), ringing.legId()).state());
        assertEquals(List.of("1001 INITIATED", "1002 ALERTING"), liveLegs(consultId));
        ok(engine.answer(consultId, legAt(consultId, "1002")));
        assertEquals(List.of("1001 CONNECTED", "1002 CONNECTED"), liveLegs(consultId));
        return new String[] {callId, consultId, ringing.legId()};
    }

    @Test
    void aConsultativeTransferLeavesOneCallBetweenCallerAndTarget() throws Exception {
        String[] ids = consulting();
        String target = legAt(ids[1], "1002");
        ok(engine.completeTransfer(ids[0], ids[1]));
        CallTransferred transferred = awaitEvent(CallTransferred.class, e -> e.callId().equals(ids[0]));
        assertEquals(TransferKind.ATTENDED, transferred.kind());
        assertEquals(List.of(ids[1]), transferred.oldCallIds());
        assertEquals("1001", transferred.transferringDeviceId());
        assertEquals("1002", transferred.destination());

        EngineSnapshot after = snapshot();
        assertEquals(1, after.calls().size());
        assertTrue(after.call(ids[1]).isEmpty(), "the consultation is merged away");
        Call call = after.calls().get(0);
        assertEquals(ids[0], call.id());
        assertTrue(call.aliases().contains(ids[1]));
        assertEquals(List.of(CALLER + " CONNECTED", "1002 CONNECTED"), liveLegs(ids[0]));
        assertEquals(AgentState.WRAP_UP, agentState("agent-01"));

        ok(engine.hangUp(ids[0], target));
        awaitEvent(CallEnded.class, e -> e.callId().equals(ids[0]));
        assertEquals(List.of(), snapshot().calls());
        assertTrue(events.stream().filter(e -> e.legId().equals(target) && !(e instanceof LegCreated)
                && !(e instanceof io.callwire.core.event.LegAlerting) && !(e instanceof LegConnected))
                .allMatch(e -> e.callId().equals(ids[0])), "the target's later events carry the original call id");
    }

    @Test
    void cancellingAConsultationReturnsToTheCaller() throws Exception {
        String[] ids = consulting();
        ok(engine.cancelConsult(ids[0], ids[1]));
        awaitEvent(CallEnded.class, e -> e.callId().equals(ids[1]));
        assertEquals(List.of(CALLER + " CONNECTED", "1001 CONNECTED"), liveLegs(ids[0]));
        assertEquals(1, snapshot().calls().size());
        assertEquals(AgentState.WRAP_UP, agentState("agent-02"), "the consulted agent talked, so wraps up");
        assertEquals(AgentState.BUSY, agentState("agent-01"));
    }

    @Test
    void aConsultationCanBeCancelledWhileItRings() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        ok(engine.answer(callId, legAt(callId, "1001")));
        String consultId = ok(engine.consult(callId, "", "1002")).callId();
        assertEquals("consultation " + consultId + " is not answered yet",
                rejection(engine.completeTransfer(callId, consultId)));
        ok(engine.cancelConsult(callId, consultId));
        awaitEvent(CallEnded.class, e -> e.callId().equals(consultId));
        assertEquals(List.of(CALLER + " CONNECTED", "1001 CONNECTED"), liveLegs(callId));
        assertEquals(AgentState.NOT_READY, agentState("agent-02"), "never answered, so no wrap-up");
    }

    @Test
    void aConferenceJoinsAllThreeParties() throws Exception {
        String[] ids = consulting();
        ok(engine.conference(ids[0], ids[1]));
        CallConferenced conferenced = awaitEvent(CallConferenced.class, e -> e.callId().equals(ids[0]));
        assertEquals(List.of(ids[1]), conferenced.oldCallIds());
        assertEquals(List.of(CALLER, "1001", "1002"), conferenced.partyDeviceIds());
        assertEquals(List.of(CALLER + " CONNECTED", "1001 CONNECTED", "1002 CONNECTED"), liveLegs(ids[0]));
        assertEquals(1, snapshot().calls().size());

        ok(engine.hangUp(ids[0], legAt(ids[0], "1001")));
        assertEquals(List.of(CALLER + " CONNECTED", "1002 CONNECTED"), liveLegs(ids[0]), "two parties talk on");
        ok(engine.hangUp(ids[0], legAt(ids[0], "1002")));
        awaitEvent(CallEnded.class, e -> e.callId().equals(ids[0]));
    }

    @Test
    void dtmfRecordingMonitoringAndCallDataReachTheCall() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String agent = legAt(callId, "1001");
        ok(engine.answer(callId, agent));
        ok(engine.sendDtmf(callId, ringing.legId(), "12#"));
        await().atMost(WAIT).until(() -> events.stream().filter(DtmfReceived.class::isInstance).count() == 3);
        assertEquals(List.of("1", "2", "#"), events.stream().filter(DtmfReceived.class::isInstance)
                .map(e -> ((DtmfReceived) e).digit()).toList());
        String recording = ok(engine.startRecording(callId)).detail();
        RecordingStarted started = awaitEvent(RecordingStarted.class, e -> e.callId().equals(callId));
        assertEquals(recording, started.recordingId());
        assertEquals("recordings/" + callId + ".wav", started.location());
        assertEquals("call " + callId + " is already being recorded", rejection(engine.startRecording(callId)));
        ok(engine.stopRecording(callId));
        assertEquals(recording, awaitEvent(RecordingStopped.class, e -> e.callId().equals(callId)).recordingId());

        CommandResult monitor = ok(engine.monitor(callId, "1003", MonitorMode.LISTEN));
        Leg supervisor = leg(call(callId), monitor.legId());
        assertEquals(LegRole.SUPERVISOR, supervisor.role());
        assertEquals(LegState.CONNECTED, supervisor.state());
        ok(engine.attachData(callId, Map.of("ticket", "WO-17")));
        await().atMost(WAIT).until(() -> "WO-17".equals(call(callId).data().get("ticket")));

        ok(engine.startRecording(callId));
        ok(engine.hangUp(callId, ringing.legId()));
        awaitEvent(CallEnded.class, e -> e.callId().equals(callId));
        List<String> tail = story(callId);
        assertEquals(List.of("LegCleared " + agent, "RecordingStopped", "LegCleared " + monitor.legId(), "CallEnded"),
                tail.subList(tail.size() - 4, tail.size()), "the recording stops before the last leg clears");
    }

    @Test
    void impossibleCommandsFailWithTypedErrorsAndChangeNothing() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String agent = legAt(callId, "1001");

        Throwable holdRinging = failure(engine.hold(callId, agent));
        assertInstanceOf(SwitchRejectedException.class, holdRinging);
        assertEquals("leg " + agent + " is ALERTING, not CONNECTED", ((SwitchRejectedException) holdRinging).reason());
        assertTrue(holdRinging.getMessage().contains("switch sim rejected"), holdRinging.getMessage());
        assertInstanceOf(UnknownLegException.class, failure(engine.answer(callId, "L999")));
        assertInstanceOf(UnknownCallException.class, failure(engine.hangUpCall("sim-999")));
        assertEquals("station 1001 is busy", rejection(engine.execute(new MakeCall("+4930999", "1001"))));
        assertEquals("unknown destination 1999", rejection(engine.execute(new MakeCall("+4930999", "1999"))));
        assertEquals("unknown calling device 42; call from a station or an external number",
                rejection(engine.execute(new MakeCall("42", "1002"))));
        assertEquals("call " + callId + " has no connected agent leg to transfer from",
                rejection(engine.blindTransfer(callId, agent, "1002")));
        assertEquals("unknown destination 9999", rejection(engine.redirect(callId, agent, "9999")));
        assertEquals("leg " + ringing.legId() + " is INITIATED; only queued or ringing calls can be redirected",
                rejection(engine.redirect(callId, ringing.legId(), "1002")));
        assertEquals("leg " + ringing.legId() + " is INITIATED, not HELD", rejection(engine.retrieve(callId, ringing.legId())));
        assertEquals("call " + callId + " is not being recorded", rejection(engine.stopRecording(callId)));
        assertEquals("agent agent-01 is already logged in", rejection(engine.login("agent-01", "1001", List.of())));
        assertEquals("agent agent-02 works at station 1002",
                rejection(engine.execute(new AgentLogin("", "agent-02", "1003", List.of()))));
        assertEquals(LegState.ALERTING, leg(call(callId), agent).state());
        assertStory(callId, List.of("CallStarted", "LegCreated " + ringing.legId(), "LegCreated " + agent,
                "LegAlerting " + agent));

        ok(engine.answer(callId, agent));
        assertEquals("consult a station or an external number, not queue sales",
                rejection(engine.consult(callId, agent, "sales")));
        assertEquals("station 1002 cannot call itself", rejection(engine.makeCall("1002", "1002")));
        assertEquals("agent agent-01 is on a call", rejection(engine.logout("agent-01")));
        String consultId = ok(engine.consult(callId, agent, "1002")).callId();
        assertEquals("leg " + agent + " is already consulting", rejection(engine.consult(callId, agent, "1003")));
        assertEquals("call " + callId + " is not a consultation", rejection(engine.cancelConsult(consultId, callId)));
    }

    @Test
    void anOutboundCallRingsTheFarEndWhichAnswers() throws Exception {
        CommandResult dialled = ok(engine.makeCall("1002", "+4940555"));
        awaitEvent(LegConnected.class, e -> e.callId().equals(dialled.callId()) && e.legId().equals(dialled.legId()));
        CallStarted started = awaitEvent(CallStarted.class, e -> e.callId().equals(dialled.callId()));
        assertEquals(Direction.OUTBOUND, started.direction());
        assertEquals("1002", started.ani());
        assertEquals("+4940555", started.dnis());
        LegCreated far = awaitEvent(LegCreated.class, e -> e.callId().equals(dialled.callId()) && e.role() == LegRole.CALLED);
        assertEquals(DeviceType.EXTERNAL, far.deviceType());
        assertEquals(List.of("1002 CONNECTED", "+4940555 CONNECTED"), liveLegs(dialled.callId()));
        assertEquals(AgentState.BUSY, agentState("agent-02"));
        ok(engine.hangUp(dialled.callId(), dialled.legId()));
        awaitEvent(CallEnded.class, e -> e.callId().equals(dialled.callId()));
        assertStory(dialled.callId(), List.of("CallStarted", "LegCreated " + dialled.legId(), "LegCreated " + far.legId(),
                "LegAlerting " + far.legId(), "LegConnected " + far.legId(), "LegConnected " + dialled.legId(),
                "LegCleared " + dialled.legId(), "LegCleared " + far.legId(), "CallEnded"));
        assertEquals(AgentState.WRAP_UP, agentState("agent-02"));
    }

    @Test
    void anAgentHandsTheFarEndOfItsOwnCallToAColleagueAndThenToAQueue() throws Exception {
        CommandResult dialled = ok(engine.makeCall("1001", "+4940555"));
        String callId = dialled.callId();
        await().atMost(WAIT).until(() -> liveLegs(callId).equals(List.of("1001 CONNECTED", "+4940555 CONNECTED")));
        String consultId = ok(engine.consult(callId, dialled.legId(), "1002")).callId();
        assertEquals(List.of("1001 CONNECTED", "+4940555 HELD"), liveLegs(callId));
        ok(engine.answer(consultId, ""));
        ok(engine.completeTransfer(callId, consultId));
        assertEquals(List.of("+4940555 CONNECTED", "1002 CONNECTED"), liveLegs(callId));

        ok(engine.blindTransfer(callId, "", "support"));
        assertEquals(List.of("+4940555 QUEUED"), liveLegs(callId));
        assertEquals("support", call(callId).queueId());
        ok(engine.redirect(callId, "", "1003"));
        ok(engine.answer(callId, ""));
        assertEquals(List.of("+4940555 CONNECTED", "1003 CONNECTED"), liveLegs(callId));
        ok(engine.hangUpCall(callId));
        awaitEvent(CallEnded.class, e -> e.callId().equals(callId));
        assertEquals(List.of(), snapshot().calls());
    }

    @Test
    void anInternalCallRingsAManualStationUntilItAnswers() throws Exception {
        CommandResult dialled = ok(engine.makeCall("1001", "1003"));
        assertEquals(Direction.INTERNAL, call(dialled.callId()).direction());
        assertEquals(List.of("1001 INITIATED", "1003 ALERTING"), liveLegs(dialled.callId()));
        ok(engine.answer(dialled.callId(), ""));
        assertEquals(List.of("1001 CONNECTED", "1003 CONNECTED"), liveLegs(dialled.callId()));
        assertEquals(LegRole.CALLED, leg(call(dialled.callId()), legAt(dialled.callId(), "1003")).role());
        ok(engine.hangUpCall(dialled.callId()));
        awaitEvent(CallEnded.class, e -> e.callId().equals(dialled.callId()));
    }

    @Test
    void aBlindTransferToAQueueIsRefusedWhileTheOtherPartyStillRings() throws Exception {
        String callId = ok(engine.makeCall("1001", "1003")).callId();
        ok(engine.answer(callId, ""));
        ok(engine.blindTransfer(callId, legAt(callId, "1003"), "1002"));
        assertEquals(List.of("1001 CONNECTED", "1002 ALERTING"), liveLegs(callId));
        assertEquals("leg " + legAt(callId, "1002") + " is ALERTING; only a party that answered can wait in queue "
                + "support", rejection(engine.blindTransfer(callId, legAt(callId, "1001"), "support")));
        assertEquals(List.of("1001 CONNECTED", "1002 ALERTING"), liveLegs(callId), "nothing changed");
    }

    @Test
    void aStationDiallingAQueueWaitsThereLikeACaller() throws Exception {
        CommandResult dialled = ok(engine.makeCall("1001", "5001"));
        CallQueued queued = awaitEvent(CallQueued.class, e -> e.callId().equals(dialled.callId()));
        assertEquals("support", queued.queueId());
        assertEquals("5001", call(dialled.callId()).dnis());
        assertEquals(List.of("1001 QUEUED"), liveLegs(dialled.callId()));
        ok(engine.redirect(dialled.callId(), "", "1002"));
        ok(engine.answer(dialled.callId(), legAt(dialled.callId(), "1002")));
        assertEquals(List.of("1001 CONNECTED", "1002 CONNECTED"), liveLegs(dialled.callId()));
    }

    @Test
    void aRingingCallCanBeRedirectedToAnotherStationOrToAQueue() throws Exception {
        CommandResult ringing = ring("1001");
        String callId = ringing.callId();
        String leg = legAt(callId, "1001");
        ok(engine.redirect(callId, leg, "1002"));
        assertEquals(List.of(CALLER + " INITIATED", "1002 ALERTING"), liveLegs(callId));
        assertEquals(leg, legAt(callId, "1002"), "the same leg moved");

        ok(engine.redirect(callId, leg, "sales"));
        assertEquals(List.of(CALLER + " QUEUED"), liveLegs(callId));
        assertEquals("redirected", leg(call(callId), leg).cause());
        assertEquals("sales", call(callId).queueId());
        ok(engine.redirect(callId, "", "1003"));
        ok(engine.answer(callId, ""));
        assertEquals(List.of(CALLER + " CONNECTED", "1003 CONNECTED"), liveLegs(callId));
    }

    @Test
    void agentStatesFollowCommandsAndCalls() throws Exception {
        ok(engine.ready("agent-03"));
        assertEquals(AgentState.READY, agentState("agent-03"));
        ok(engine.notReady("agent-03", "lunch"));
        assertEquals(AgentState.NOT_READY, agentState("agent-03"));
        assertEquals("lunch", snapshot().agent("agent-03").orElseThrow().reason());
        ok(engine.wrapUp("agent-03", "notes"));
        assertEquals(AgentState.WRAP_UP, agentState("agent-03"));
        ok(engine.logout("agent-03"));
        assertEquals(AgentState.LOGGED_OUT, agentState("agent-03"));
        assertEquals("agent agent-03 is logged out", rejection(engine.ready("agent-03")));
        assertEquals("1003", awaitEvent(AgentStateChanged.class,
                e -> e.agentId().equals("agent-03") && e.state() == AgentState.LOGGED_OUT).deviceId());

        CommandResult ringing = ring("1001");
        ok(engine.answer(ringing.callId(), ""));
        ok(engine.ready("agent-01"));
        assertEquals(AgentState.READY, agentState("agent-01"), "ready while talking");
        ok(engine.hangUpCall(ringing.callId()));
        awaitEvent(CallEnded.class, e -> e.callId().equals(ringing.callId()));
        assertEquals(AgentState.READY, agentState("agent-01"), "no wrap-up after asking to be ready");
    }

    @Test
    void aManualAgentReadyInSwitchRoutingIsOfferedQueuedCallsAndARefusalRequeuesTheCaller() throws Exception {
        ok(engine.ready("agent-02"));
        ok(engine.ready("agent-01"));
        CommandResult queued = ok(engine.makeCall(CALLER, "sales"));
        String callId = queued.callId();
        String offered = legAt(callId, "1002");
        assertEquals(List.of(CALLER + " QUEUED", "1002 ALERTING"), liveLegs(callId), "agent-02 was ready first");

        ok(engine.hangUp(callId, offered));
        assertEquals(List.of(CALLER + " QUEUED", "1001 ALERTING"), liveLegs(callId), "the refuser goes to the back");
        ok(engine.answer(callId, legAt(callId, "1001")));
        assertEquals(List.of(CALLER + " CONNECTED", "1001 CONNECTED"), liveLegs(callId));
        assertEquals(AgentState.READY, agentState("agent-02"));
    }
}

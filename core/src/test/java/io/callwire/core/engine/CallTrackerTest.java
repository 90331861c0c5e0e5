package io.callwire.core.engine;

import io.callwire.core.event.CallAliased;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.Call;
import io.callwire.core.model.Direction;
import io.callwire.core.model.Leg;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callwire.core.engine.Events.cleared;
import static io.callwire.core.engine.Events.connected;
import static io.callwire.core.engine.Events.created;
import static io.callwire.core.engine.Events.env;
import static io.callwire.core.engine.Events.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTrackerTest {
    private final EngineCounters counters = new EngineCounters();
    private final CallTracker tracker = new CallTracker(counters);
    private final List<CtiEvent> derived = new ArrayList<>();

    private CtiEvent apply(CtiEvent event) {
        return tracker.apply(event, derived);
    }

    private Call only() {
        List<Call> calls = tracker.snapshot(0).calls();
        assertEquals(1, calls.size(), calls.toString());
        return calls.get(0);
    }

    private static Leg leg(Call call, String legId) {
        return call.legs().stream().filter(l -> l.id().equals(legId)).findFirst().orElseThrow();
    }

    @Test
    void correlatesATwoLegCallWithHoldAndEndsItWhenTheLastLegClears() {
        apply(started(1000, "c1"));
        apply(created(1000, "c1", "caller", "+4930111", LegRole.CALLER, LegState.INITIATED));
        apply(new CallQueued(env(1100, "c1", "caller", "sales"), "sales"));
        assertEquals(List.of("c1"), tracker.snapshot(0).queue("sales").orElseThrow().waitingCallIds());
        assertEquals(1100, tracker.snapshot(0).queue("sales").orElseThrow().oldestWaitingSince());

        apply(created(2000, "c1", "agent", "1001", LegRole.AGENT, LegState.ALERTING));
        apply(new LegAlerting(env(2000, "c1", "agent", "1001")));
        apply(connected(3000, "c1", "agent"));
        apply(connected(3000, "c1", "caller"));
        Call talking = only();
        assertEquals(Direction.INBOUND, talking.direction());
        assertEquals("+4930111", talking.ani());
        assertEquals("sales", talking.queueId());
        assertEquals(LegState.CONNECTED, leg(talking, "caller").state());
        assertEquals(LegRole.CALLER, leg(talking, "caller").role());
        assertEquals(LegRole.AGENT, leg(talking, "agent").role());
        assertEquals("1001", leg(talking, "agent").deviceId());
        assertEquals(List.of(), tracker.snapshot(0).queue("sales").orElseThrow().waitingCallIds());

        apply(new LegHeld(env(4000, "c1", "caller", "")));
        assertEquals(LegState.HELD, leg(only(), "caller").state());
        assertEquals(4000, leg(only(), "caller").since());
        apply(new LegRetrieved(env(5000, "c1", "caller", "")));
        assertEquals(LegState.CONNECTED, leg(only(), "caller").state());

        apply(cleared(6000, "c1", "agent"));
        assertTrue(derived.isEmpty());
        apply(cleared(6001, "c1", "caller"));
        assertEquals(1, derived.size());
        CallEnded ended = (CallEnded) derived.get(0);
        assertEquals("c1", ended.callId());
        assertEquals(6001, ended.timestamp());
        assertEquals(List.of(), tracker.snapshot(0).calls());
        assertEquals(0, counters.illegalTransitions);
        assertEquals(0, counters.untrackedEvents);
    }

    @Test
    void rejectsAnIllegalTransitionKeepsStateAndCountsIt() {
        apply(created(1000, "c1", "a", "1001", LegRole.AGENT, LegState.ALERTING));
        CtiEvent held = new LegHeld(env(1100, "c1", "a", ""));
        assertSame(held, apply(held));
        assertEquals(1, counters.illegalTransitions);
        assertEquals(LegState.ALERTING, leg(only(), "a").state());
    }

    @Test
    void aConsultationMergedByTransferKeepsTheOriginalCallId() {
        apply(created(1000, "c1", "caller", "+4930111", LegRole.CALLER, LegState.INITIATED));
        apply(connected(1000, "c1", "caller"));
        apply(created(1000, "c1", "a", "1001", LegRole.AGENT, LegState.ALERTING));
        apply(connected(1000, "c1", "a"));
        apply(new LegHeld(env(2000, "c1", "caller", "")));
        apply(new CallStarted(env(2000, "c2", "", ""), Direction.INTERNAL, "1001", "1002", "c1"));
        apply(created(2000, "c2", "a2", "1001", LegRole.CONSULT, LegState.INITIATED));
        apply(created(2000, "c2", "b", "1002", LegRole.CALLED, LegState.ALERTING));
        apply(connected(2100, "c2", "b"));
        apply(connected(2100, "c2", "a2"));
        assertEquals("c1", tracker.snapshot(0).call("c2").orElseThrow().parentCallId());
        apply(new CallDataChanged(env(2200, "c2", "", ""), Map.of("note", "vip")));

        apply(new CallTransferred(env(3000, "c1", "", ""), List.of("c2"), TransferKind.ATTENDED, "1001", "1002"));
        apply(cleared(3000, "c1", "a"));
        apply(cleared(3000, "c2", "a2"));
        apply(new LegRetrieved(env(3000, "c1", "caller", "")));
        Call merged = only();
        assertEquals("c1", merged.id());
        assertEquals(List.of("c1", "c2"), List.copyOf(merged.aliases()));
        assertEquals(LegState.CONNECTED, leg(merged, "b").state());
        assertEquals(LegState.CONNECTED, leg(merged, "caller").state());
        assertEquals("vip", merged.data().get("note"));
        assertTrue(derived.isEmpty());
        assertEquals(0, counters.untrackedEvents);
    }

    @Test
    void aCallWhoseSwitchIdChangesOnTransferKeepsOneLibraryId() {
        apply(created(1000, "csta-7", "x", "1001", LegRole.CALLER, LegState.INITIATED));
        apply(connected(1000, "csta-7", "x"));
        CtiEvent transferred = apply(new CallTransferred(env(2000, "csta-9", "", ""), List.of("csta-7"),
                TransferKind.BLIND, "1001", "1003"));
        assertEquals("csta-7", transferred.callId(), "dispatched with the library id");
        CtiEvent alerting = apply(created(2000, "csta-9", "y", "1003", LegRole.CALLED, LegState.ALERTING));
        assertEquals("csta-7", alerting.callId());
        Call call = only();
        assertEquals("csta-7", call.id());
        assertEquals(List.of("csta-7", "csta-9"), List.copyOf(call.aliases()));
    }

    @Test
    void anAliasTheSwitchGivesLaterNamesTheSameCall() {
        apply(created(1000, "csta-7", "x", "1001", LegRole.CALLER, LegState.INITIATED));
        apply(new CallAliased(env(1000, "csta-7", "", ""), "00001002811700000000"));
        CtiEvent viaUcid = apply(new CallDataChanged(env(1500, "00001002811700000000", "", ""), Map.of("uui", "42")));
        assertEquals("csta-7", viaUcid.callId(), "an event naming the UCID resolves to the call");
        Call call = only();
        assertEquals(List.of("00001002811700000000", "csta-7"), List.copyOf(call.aliases()));
        assertEquals("42", call.data().get("uui"));
        apply(cleared(2000, "csta-7", "x"));
        assertEquals(0, tracker.snapshot(0).calls().size(), "the call ends with its last leg");
        assertEquals(0, counters.untrackedEvents, "no event was untracked");
    }

    @Test
    void aReportedCallEndClearsTheLegsAndARepeatIsSuppressed() {
        apply(created(1000, "c1", "a", "1001", LegRole.CALLER, LegState.INITIATED));
        CtiEvent end = new CallEnded(env(2000, "c1", "", ""), "normal");
        assertSame(end, apply(end));
        assertEquals(List.of(), tracker.snapshot(0).calls());
        assertNull(apply(new CallEnded(env(2001, "c1", "", ""), "normal")));
        assertEquals(1, counters.duplicateEvents);
        apply(cleared(2002, "c1", "a"));
        assertEquals(0, counters.untrackedEvents, "a late clear of an ended call is not an anomaly");
        assertTrue(derived.isEmpty());
    }

    @Test
    void eventsForUnknownCallsAreCountedNotTracked() {
        apply(cleared(1000, "ghost", "g"));
        apply(new LegHeld(env(1000, "ghost", "g", "")));
        assertEquals(2, counters.untrackedEvents);
        assertEquals(List.of(), tracker.snapshot(0).calls());
    }

    @Test
    void timeComesFromEventsOnly() {
        apply(started(5000, "c1"));
        apply(started(4000, "c2"));
        assertEquals(5000, tracker.snapshot(0).time());
    }
}

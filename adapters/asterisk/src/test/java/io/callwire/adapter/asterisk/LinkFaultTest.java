package io.callwire.adapter.asterisk;

import io.callwire.core.command.LinkDownException;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.callwire.adapter.asterisk.AmiHarness.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The link breaks in the ways real links break: reconnect with backoff, resync, synthetic clears, clear errors. */
class LinkFaultTest {
    /** CoreShowChannel bodies of the first call of same-millisecond.ami, still talking after the restart. */
    private static final List<String> FIRST_CALL_ONLY = List.of("""
            Channel: PJSIP/1006-00000060
            ChannelState: 6
            ChannelStateDesc: Up
            CallerIDNum: 1006
            CallerIDName: <unknown>
            ConnectedLineNum: 1007
            ConnectedLineName: <unknown>
            Language: en
            AccountCode:\s
            Context: from-internal
            Exten: 1007
            Priority: 1
            Uniqueid: 1763906000.60
            Linkedid: 1763906000.60
            BridgeId: 60718293-0060-4000-8000-000000000060
            Application: Dial
            ApplicationData: PJSIP/1007
            Duration: 00:01:05
            """, """
            Channel: PJSIP/1007-00000061
            ChannelState: 6
            ChannelStateDesc: Up
            CallerIDNum: 1007
            CallerIDName: <unknown>
            ConnectedLineNum: 1006
            ConnectedLineName: <unknown>
            Language: en
            AccountCode:\s
            Context: from-internal
            Exten: s
            Priority: 1
            Uniqueid: 1763906000.61
            Linkedid: 1763906000.60
            BridgeId: 60718293-0060-4000-8000-000000000060
            Application: AppDial
            ApplicationData: (Outgoing Line)
            Duration: 00:01:05
            """);

    private AmiHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private List<LinkStateChanged> linkEvents() {
        return h.events.stream().filter(LinkStateChanged.class::isInstance).map(LinkStateChanged.class::cast).toList();
    }

    @Test
    void socketDroppedMidEventThenTheSwitchComesBackWithFewerCalls() throws Exception {
        h = AmiHarness.started("reconnectMinMillis=50&reconnectMaxMillis=200");
        h.play("same-millisecond.ami", 0);
        assertEquals(2, h.snapshot().calls().size());
        h.server.channels(FIRST_CALL_ONLY);
        h.mark();
        h.server.send("Event: Newchannel\nPrivilege: call,all\nChannel: PJSIP/1010-00000070\nChannelSt");
        h.server.dropAll();

        h.awaitLink(LinkState.RESYNCED, 2);
        EngineSnapshot after = h.awaitSnapshot(s -> s.calls().size() == 1);
        Call survivor = after.calls().get(0);
        assertEquals("1763906000.60", survivor.id());
        assertEquals(List.of(LegState.CONNECTED, LegState.CONNECTED), survivor.legs().stream().map(l -> l.state()).toList());
        assertEquals(LinkState.RESYNCED, after.links().get(h.switchId()));

        List<CtiEvent> since = List.copyOf(h.events);
        List<LegCleared> clears = since.stream().filter(LegCleared.class::isInstance).map(LegCleared.class::cast).toList();
        assertEquals(List.of("1763906000.62", "1763906000.63"), clears.stream().map(CtiEvent::legId).sorted().toList());
        assertTrue(clears.stream().allMatch(c -> c.synthetic() && c.cause().equals(EventTranslator.VANISHED)));
        CallEnded ended = since.stream().filter(CallEnded.class::isInstance).map(CallEnded.class::cast).findFirst().orElseThrow();
        assertEquals("1763906000.62", ended.callId());
        assertTrue(ended.synthetic());
        List<LinkState> states = linkEvents().stream().map(LinkStateChanged::state).toList();
        assertEquals(List.of(LinkState.UP, LinkState.RESYNCED, LinkState.DOWN, LinkState.UP, LinkState.RESYNCED), states);
        assertEquals(0, h.engine.metrics().illegalTransitions());
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> h.server.clients() == 1);

        // the link works again: a new call is tracked
        h.play("hold-retrieve.ami", 0);
        assertTrue(h.snapshot().call("1763901000.10").isPresent());
    }

    @Test
    void aSwitchThatStopsAnsweringIsDroppedAfterTwoPingIntervalsAndReconnected() throws Exception {
        h = AmiHarness.started("pingMillis=200&reconnectMinMillis=50");
        int logins = h.server.logins();
        h.server.mute();
        await().atMost(WAIT).until(() -> h.links(LinkState.DOWN) == 1);
        LinkStateChanged down = linkEvents().stream().filter(l -> l.state() == LinkState.DOWN).findFirst().orElseThrow();
        assertTrue(down.detail().startsWith("no answer to Ping"), down.detail());
        h.awaitLink(LinkState.RESYNCED, 2);
        assertTrue(h.server.logins() > logins);
        h.play("hold-retrieve.ami", 0);
        assertTrue(h.snapshot().call("1763901000.10").isPresent());
    }

    @Test
    void resyncPublishesCallsQueuePositionsAndAgentsItDidNotSee() throws Exception {
        AmiTestServer server = new AmiTestServer("callwire", "pw");
        server.channels(List.of(FIRST_CALL_ONLY.get(0), FIRST_CALL_ONLY.get(1), """
                Channel: PJSIP/provider-00000080
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: +4930555666
                CallerIDName: <unknown>
                ConnectedLineNum: <unknown>
                ConnectedLineName: <unknown>
                Language: en
                AccountCode:\s
                Context: from-trunk
                Exten: 4930555100
                Priority: 3
                Uniqueid: 1763907000.80
                Linkedid: 1763907000.80
                BridgeId:\s
                Application: Queue
                ApplicationData: support
                Duration: 00:00:40
                """));
        server.queueStatus(List.of("""
                Event: QueueParams
                Queue: support
                Max: 0
                Strategy: rrmemory
                Calls: 1
                Holdtime: 12
                TalkTime: 80
                Completed: 10
                Abandoned: 1
                ServiceLevel: 30
                ServicelevelPerf: 90.0
                ServicelevelPerf2: 85.0
                Weight: 0
                """, """
                Event: QueueMember
                Queue: support
                Name: Agent 1001
                Location: Local/1001@agents
                StateInterface: PJSIP/1001
                Membership: dynamic
                Penalty: 0
                CallsTaken: 4
                LastCall: 1763906900
                LastPause: 0
                LoginTime: 1763899000
                InCall: 0
                Status: 1
                Paused: 1
                PausedReason: lunch
                Wrapuptime: 0
                """, """
                Event: QueueMember
                Queue: support
                Name: Dora Dispo
                Location: PJSIP/1002
                StateInterface: PJSIP/1002
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
                Wrapuptime: 0
                """, """
                Event: QueueEntry
                Queue: support
                Position: 1
                Channel: PJSIP/provider-00000080
                Uniqueid: 1763907000.80
                CallerIDNum: +4930555666
                CallerIDName: <unknown>
                ConnectedLineNum: <unknown>
                ConnectedLineName: <unknown>
                Wait: 40
                Priority: 0
                """));
        server.deviceStates(List.of("Device: PJSIP/1001\nState: NOT_INUSE", "Device: PJSIP/1002\nState: INUSE",
                "Device: Queue:support\nState: INUSE"));
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        try (server; CtiEngine engine = CtiEngine.builder().switchUri(server.uri(""))
                .listener("test", events::add, ListenerOptions.of(10_000, OverflowPolicy.DROP_NEWEST)).start()) {
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof LinkStateChanged l
                    && l.state() == LinkState.RESYNCED));
            EngineSnapshot s = engine.awaitSnapshot(WAIT);
            assertEquals(2, s.calls().size());
            Call queued = s.call("1763907000.80").orElseThrow();
            assertEquals(LegState.QUEUED, queued.legs().get(0).state());
            assertEquals(List.of("1763907000.80"), s.queue("support").orElseThrow().waitingCallIds());
            Call talking = s.call("1763906000.60").orElseThrow();
            assertEquals(List.of(LegRole.CALLER, LegRole.CALLED), talking.legs().stream().map(l -> l.role()).toList());
            assertEquals(AgentState.NOT_READY, s.agent("Local/1001@agents").orElseThrow().state());
            assertEquals("lunch", s.agent("Local/1001@agents").orElseThrow().reason());
            await().atMost(WAIT).until(() -> engine.awaitSnapshot(WAIT).agent("PJSIP/1002").orElseThrow().state()
                    == AgentState.BUSY);
            assertEquals(1, server.actions("DeviceStateList").size());
            assertTrue(events.stream().filter(e -> !(e instanceof LinkStateChanged)).filter(e -> e.switchId()
                    .equals("127.0.0.1:" + server.port())).filter(e -> !(e instanceof io.callwire.core.event.RawEvent))
                    .filter(e -> !(e instanceof AgentStateChanged a && a.agentId().equals("PJSIP/1002")
                            && a.state() == AgentState.BUSY))
                    .allMatch(CtiEvent::synthetic), "everything learnt from the snapshot is synthetic");
            assertTrue(events.stream().anyMatch(e -> e instanceof AgentStateChanged));
            assertEquals(0, engine.metrics().illegalTransitions());
        }
    }

    @Test
    void aRefusedLoginIsAClearErrorAndIsNotRetried() throws Exception {
        AmiTestServer server = new AmiTestServer("callwire", "right");
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        String uri = "asterisk://callwire:wrong@127.0.0.1:" + server.port() + "?reconnectMinMillis=20";
        try (server; CtiEngine engine = CtiEngine.builder().switchUri(uri)
                .listener("test", events::add, ListenerOptions.of(1000, OverflowPolicy.DROP_NEWEST)).start()) {
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof LinkStateChanged));
            LinkStateChanged down = (LinkStateChanged) events.stream().filter(e -> e instanceof LinkStateChanged)
                    .findFirst().orElseThrow();
            assertEquals(LinkState.DOWN, down.state());
            assertTrue(down.detail().startsWith("login refused for AMI user 'callwire'"), down.detail());
            assertFalse(down.detail().contains("wrong"), "the secret never appears");
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> server.failedLogins() == 1);
            AsteriskAdapter adapter = engine.adapter("127.0.0.1:" + server.port(), AsteriskAdapter.class).orElseThrow();
            assertTrue(adapter.loginRefused());
            CompletableFuture<?> call = engine.hangUp("x", "y").toCompletableFuture();
            Throwable cause = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(io.callwire.core.command.CommandException.class, cause);
        }
    }

    @Test
    void aSwitchThatIsNotThereIsReportedDownAndRetriedQuietly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        String uri = "asterisk://callwire:pw@127.0.0.1:" + port + "?reconnectMinMillis=20&reconnectMaxMillis=40";
        try (CtiEngine engine = CtiEngine.builder().switchUri(uri)
                .listener("test", events::add, ListenerOptions.of(1000, OverflowPolicy.DROP_NEWEST)).start()) {
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof LinkStateChanged));
            AsteriskAdapter adapter = engine.adapter("127.0.0.1:" + port, AsteriskAdapter.class).orElseThrow();
            CompletableFuture<?> made = adapter.execute(new io.callwire.core.command.MakeCall("1001", "1002"))
                    .toCompletableFuture();
            Throwable cause = assertThrows(ExecutionException.class, () -> made.get(5, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(LinkDownException.class, cause);
            await().during(Duration.ofMillis(300)).atMost(WAIT)
                    .until(() -> events.stream().filter(e -> e instanceof LinkStateChanged).count() == 1);
            LinkStateChanged down = (LinkStateChanged) events.stream().filter(e -> e instanceof LinkStateChanged)
                    .findFirst().orElseThrow();
            assertEquals(LinkState.DOWN, down.state());
            assertTrue(down.detail().startsWith("cannot connect"), down.detail());
            assertFalse(adapter.loginRefused());
        }
    }
}

package io.callwire.adapter.asterisk;

import io.callwire.core.command.CommandResult;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.Tick;
import io.callwire.core.model.LinkState;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A test AMI server and a real engine running the Asterisk adapter against it, with every event recorded. */
final class AmiHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final AmiTestServer server;
    final CtiEngine engine;
    final List<CtiEvent> events = new CopyOnWriteArrayList<>();
    private volatile int mark;

    AmiHarness(String params) throws IOException {
        this(params, Duration.ofSeconds(10));
    }

    AmiHarness(String params, Duration commandTimeout) throws IOException {
        server = new AmiTestServer("callwire", "s3cr3t-pw");
        engine = CtiEngine.builder().switchUri(server.uri(params)).commandTimeout(commandTimeout)
                .listener("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST)).start();
    }

    static AmiHarness started(String params) throws IOException {
        return started(params, Duration.ofSeconds(10));
    }

    static AmiHarness started(String params, Duration commandTimeout) throws IOException {
        AmiHarness h = new AmiHarness(params, commandTimeout);
        h.awaitLink(LinkState.RESYNCED, 1);
        h.settle();
        h.mark();
        return h;
    }

    String switchId() {
        return "127.0.0.1:" + server.port();
    }

    AsteriskAdapter adapter() {
        return engine.adapter(switchId(), AsteriskAdapter.class).orElseThrow();
    }

    void awaitLink(LinkState state, int times) {
        await().atMost(WAIT).until(() -> links(state) >= times);
    }

    long links(LinkState state) {
        return events.stream().filter(e -> e instanceof LinkStateChanged l && l.state() == state).count();
    }

    EngineSnapshot snapshot() {
        return engine.awaitSnapshot(WAIT);
    }

    EngineSnapshot awaitSnapshot(Predicate<EngineSnapshot> condition) {
        await().atMost(WAIT).until(() -> condition.test(snapshot()));
        return snapshot();
    }

    /** Plays a transcript section and waits until the adapter has published everything it produced. */
    void play(String transcript, int section) {
        int before = events.size();
        server.play(transcript, section);
        await().atMost(WAIT).until(() -> events.size() > before);
        settle();
    }

    /** Waits until a marker event sent after everything else comes back (the adapter keeps switch order). */
    void settle() {
        String marker = "PJSIP/marker-" + System.nanoTime();
        server.send("Event: PeerStatus\nPrivilege: system,all\nChannelType: PJSIP\nPeer: " + marker
                + "\nPeerStatus: Reachable\n\n");
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof RawEvent r
                && marker.equals(r.fields().get("peer"))));
    }

    /** Later calls of {@link #stream()} start from here. */
    void mark() {
        mark = events.size();
    }

    /** The recorded events since the mark, without ticks, link changes and the settle markers, described one per line. */
    List<String> stream() {
        return events.subList(mark, events.size()).stream().filter(e -> !(e instanceof Tick) && !(e instanceof LinkStateChanged))
                .filter(e -> !(e instanceof RawEvent r && r.vendorType().equals("PeerStatus")))
                .map(AmiHarness::describe).toList();
    }

    static String describe(CtiEvent e) {
        String leg = e.legId();
        String head = e.getClass().getSimpleName() + (leg.isEmpty() ? " call=" + e.callId() : " leg=" + leg);
        if (e instanceof CallStarted s) {
            return head + " " + s.direction() + " ani=" + s.ani() + " dnis=" + s.dnis()
                    + (s.parentCallId().isEmpty() ? "" : " parent=" + s.parentCallId());
        }
        if (e instanceof LegCreated c) {
            return head + " " + c.role() + " " + c.initialState() + " " + c.deviceType() + " " + c.envelope().deviceId()
                    + " " + c.number();
        }
        if (e instanceof CallQueued q) {
            return head + " " + q.queueId();
        }
        if (e instanceof LegFailed f) {
            return head + " " + f.cause();
        }
        if (e instanceof LegCleared c) {
            return head + " " + c.cause();
        }
        if (e instanceof CallEnded c) {
            return "CallEnded call=" + e.callId();
        }
        if (e instanceof AgentStateChanged a) {
            return "AgentStateChanged " + a.agentId() + "@" + a.deviceId() + " " + a.state()
                    + (a.reason().isEmpty() ? "" : " (" + a.reason() + ")");
        }
        if (e instanceof CallTransferred t) {
            return "CallTransferred call=" + e.callId() + " " + t.kind() + " by=" + t.transferringDeviceId() + " to="
                    + t.destination() + " old=" + t.oldCallIds();
        }
        if (e instanceof CallConferenced c) {
            return "CallConferenced call=" + e.callId() + " old=" + c.oldCallIds() + " parties=" + c.partyDeviceIds();
        }
        if (e instanceof CallDataChanged d) {
            return "CallDataChanged call=" + e.callId() + " " + d.data();
        }
        if (e instanceof CallAbandoned a) {
            return head + " " + a.queueId() + " waited=" + a.waitedMillis();
        }
        if (e instanceof DtmfReceived d) {
            return head + " " + d.digit();
        }
        if (e instanceof RecordingStarted r) {
            return head + " " + r.recordingId() + " " + r.location();
        }
        if (e instanceof RecordingStopped r) {
            return head + " " + r.recordingId();
        }
        if (e instanceof CallDiverted d) {
            return head + " " + d.fromDeviceId() + "->" + d.toDeviceId();
        }
        if (e instanceof RawEvent r) {
            return "RawEvent " + r.vendorType();
        }
        return head;
    }

    /** The last {@code action} the test server received; fails the test when it received none. */
    Map<String, String> lastAction(String action) {
        List<Map<String, String>> list = server.actions(action);
        assertFalse(list.isEmpty(), "no " + action + " received");
        return list.get(list.size() - 1);
    }

    /** The command's result, waiting at most 5 s. */
    static CommandResult done(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Why the command failed; fails the test when it succeeds or takes longer than 5 s. */
    static Throwable failure(CompletionStage<CommandResult> stage) {
        return assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS)).getCause();
    }

    @Override
    public void close() {
        engine.close();
        server.close();
    }
}

package io.callwire.adapter.freeswitch;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import io.callwire.core.model.LinkState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** A test ESL server on 127.0.0.1 and a real CtiEngine connected to it through the freeswitch:// URI. */
final class EngineHarness implements AutoCloseable {
    static final String PASSWORD = "ClueCon";

    final TestEslServer server;
    final CtiEngine engine;
    final ConcurrentLinkedQueue<CtiEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger markers = new AtomicInteger();

    EngineHarness(String params) throws InterruptedException {
        this(PASSWORD, params, null);
    }

    EngineHarness(String uriPassword, String params, java.util.function.Consumer<TestEslServer> setup)
            throws InterruptedException {
        server = new TestEslServer(PASSWORD);
        if (setup != null) {
            setup.accept(server);
        }
        engine = CtiEngine.builder()
                .switchUri("freeswitch://:" + uriPassword + "@127.0.0.1:" + server.port()
                        + "?id=fs1&minBackoffMillis=20&maxBackoffMillis=200" + (params.isEmpty() ? "" : "&" + params))
                .listener("test", events::add, ListenerOptions.of(1 << 18, OverflowPolicy.DROP_NEWEST))
                .commandTimeout(Duration.ofSeconds(2))
                .tickInterval(Duration.ZERO)
                .start();
    }

    /** Waits until the adapter logged in, subscribed and applied its snapshot {@code n} times. */
    EngineHarness awaitResynced(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> links(LinkState.RESYNCED).size() >= n);
        return this;
    }

    /** Replays one part of a transcript and waits until the listener has seen all of it. */
    void replay(List<List<Map.Entry<String, String>>> events) {
        server.sendAll(events);
        barrier();
    }

    /** Sends a HEARTBEAT marker and waits for it: everything sent before it has been translated and dispatched. */
    void barrier() {
        String marker = "marker-" + markers.incrementAndGet();
        server.send(List.of(Map.entry("Event-Name", "HEARTBEAT"), Map.entry("Event-Info", marker),
                Map.entry("Event-Date-Timestamp", "1763900000000000")));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e instanceof RawEvent r
                && r.vendorType().equals("HEARTBEAT") && marker.equals(r.fields().get("Event-Info"))));
    }

    List<LinkStateChanged> links(LinkState state) {
        return of(LinkStateChanged.class).stream().filter(l -> l.state() == state).toList();
    }

    <T extends CtiEvent> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (CtiEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    EngineSnapshot snapshot() {
        return engine.awaitSnapshot(Duration.ofSeconds(5));
    }

    Call call(String id) {
        return snapshot().call(id).orElseThrow(() -> new AssertionError("no live call " + id + " in " + snapshot().calls()));
    }

    static Leg leg(Call call, String legId) {
        return call.legs().stream().filter(l -> l.id().equals(legId)).findFirst()
                .orElseThrow(() -> new AssertionError("no leg " + legId + " in " + call));
    }

    @Override
    public void close() {
        engine.close();
        server.close();
    }
}

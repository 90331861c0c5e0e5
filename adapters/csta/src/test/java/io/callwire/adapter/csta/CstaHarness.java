package io.callwire.adapter.csta;

import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.model.LinkState;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;



/** A switch emulator and a real engine connected to it through the csta: URI, with every dispatched event kept. */
final class CstaHarness implements AutoCloseable {
    final CstaSwitchEmulator pbx;
    final CtiEngine engine;
    final List<CtiEvent> events = new CopyOnWriteArrayList<>();

    CstaHarness(String extra) throws InterruptedException {
        this(new CstaSwitchEmulator(), extra);
    }

    CstaHarness(CstaSwitchEmulator pbx, String extra) {
        this.pbx = pbx;
        String defaults = "&id=aes&reconnect=50&maxReconnect=200" + (extra.contains("requestTimeout=") ? "" : "&requestTimeout=5000");
        this.engine = CtiEngine.builder().switchUri(pbx.uri(defaults + extra))
                .listener("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST))
                .commandTimeout(Duration.ofSeconds(10)).start();
    }

    /** Waits until the link reached RESYNCED {@code n} times (after each (re)connect). */
    CstaHarness awaitResynced(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> links(LinkState.RESYNCED) >= n);
        return this;
    }

    long links(LinkState state) {
        return events.stream().filter(e -> e instanceof LinkStateChanged l && l.state() == state).count();
    }

    /** Waits for an event matching the predicate and returns it. */
    <T extends CtiEvent> T await(Class<T> type, Predicate<T> p) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(type, p) != null);
        return find(type, p);
    }

    <T extends CtiEvent> T find(Class<T> type, Predicate<T> p) {
        for (CtiEvent e : events) {
            if (type.isInstance(e) && p.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        return null;
    }

    <T extends CtiEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Events from {@code from} on (by position), without ticks and link changes, as short text lines. */
    List<String> lines(int from) {
        return events.subList(from, events.size()).stream().map(CstaHarness::line).filter(s -> !s.isEmpty()).toList();
    }

    static String line(CtiEvent e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof io.callwire.core.event.Tick) {
            return "";
        }
        if (e instanceof io.callwire.core.event.CallStarted c) {
            return name + " " + c.callId() + " " + c.direction() + " " + c.ani() + ">" + c.dnis()
                    + (c.parentCallId().isEmpty() ? "" : " parent=" + c.parentCallId());
        }
        if (e instanceof io.callwire.core.event.LegCreated c) {
            return name + " " + c.callId() + " " + c.legId() + " " + c.role() + " " + c.initialState() + " " + c.deviceType();
        }
        if (e instanceof io.callwire.core.event.CallAliased c) {
            return name + " " + c.callId() + " " + c.alias();
        }
        if (e instanceof io.callwire.core.event.CallQueued c) {
            return name + " " + c.callId() + " " + c.legId() + " " + c.queueId();
        }
        if (e instanceof io.callwire.core.event.LegFailed c) {
            return name + " " + c.callId() + " " + c.legId() + " " + c.cause();
        }
        if (e instanceof io.callwire.core.event.LegCleared c) {
            return name + " " + c.callId() + " " + c.legId() + " " + c.cause() + (c.synthetic() ? " synthetic" : "");
        }
        if (e instanceof io.callwire.core.event.CallEnded c) {
            return name + " " + c.callId() + " " + c.cause();
        }
        if (e instanceof io.callwire.core.event.CallAbandoned c) {
            return name + " " + c.callId() + " " + c.legId() + " " + c.queueId();
        }
        if (e instanceof io.callwire.core.event.CallTransferred c) {
            return name + " " + c.callId() + " " + c.oldCallIds() + " " + c.kind() + " " + c.transferringDeviceId() + ">" + c.destination();
        }
        if (e instanceof io.callwire.core.event.CallConferenced c) {
            return name + " " + c.callId() + " " + c.oldCallIds() + " " + c.partyDeviceIds();
        }
        if (e instanceof io.callwire.core.event.CallDataChanged c) {
            return name + " " + c.callId() + " " + c.data();
        }
        if (e instanceof io.callwire.core.event.CallDiverted c) {
            return name + " " + c.callId() + " " + c.legId() + " " + c.fromDeviceId() + ">" + c.toDeviceId();
        }
        if (e instanceof io.callwire.core.event.AgentStateChanged c) {
            return name + " " + c.agentId() + "@" + c.deviceId() + " " + c.state() + (c.reason().isEmpty() ? "" : " " + c.reason());
        }
        if (e instanceof io.callwire.core.event.LinkStateChanged c) {
            return name + " " + c.state();
        }
        if (e instanceof io.callwire.core.event.RawEvent c) {
            return name + " " + c.vendorType();
        }
        return name + " " + e.callId() + " " + e.legId();

    }

    EngineSnapshot snapshot() {
        return engine.awaitSnapshot(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        engine.close();
        pbx.close();
    }
}

package io.callwire.adapter.csta;

import io.callwire.adapter.csta.CallBook.BookCall;
import io.callwire.adapter.csta.CallBook.Conn;
import io.callwire.adapter.csta.CstaIds.ConnectionId;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallAliased;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns CSTA call and agent events into normalized events. The {@link CallBook} applies each report once (the
 * same event arrives through every monitor of a device in the call), keeps leg ids across the call id changes of
 * transfers and conferences, and supplies the parties CSTA leaves implicit (an inbound caller's trunk). Elements
 * it does not translate become {@link RawEvent}s. Runs on the connection's event loop only.
 */
final class EventTranslator {
    private static final Logger log = LoggerFactory.getLogger(EventTranslator.class);
    private static final int MAX_RAW_FIELDS = 200;

    private final String switchId;
    private final Set<String> monitored;
    private final CallBook book;
    private final Set<String> queueDevices = new LinkedHashSet<>();
    private final Map<String, String> agentDevice = new HashMap<>();
    private final Map<String, String> deviceAgent = new HashMap<>();
    private final Map<String, AgentState> agentStates = new HashMap<>();
    private final Map<String, String> agentReasons = new HashMap<>();
    /** Written by the event loop only; volatile so diagnostics may read it from elsewhere. */
    private volatile long duplicates;

    /**
     * A context for one translated message: where events go, its time, its raw text, synthetic or not, and the
     * device whose monitor reported it (by the event's monitorCrossRefID; empty when unknown).
     */
    private final class Out {
        private final Consumer<CtiEvent> sink;
        private final long time;
        private final String raw;
        private final boolean synthetic;
        private final String monitorDevice;

        Out(Consumer<CtiEvent> sink, long time, String raw, boolean synthetic) {
            this(sink, time, raw, synthetic, "");
        }

        Out(Consumer<CtiEvent> sink, long time, String raw, boolean synthetic, String monitorDevice) {
            this.sink = sink;
            this.time = time;
            this.raw = raw;
            this.synthetic = synthetic;
            this.monitorDevice = monitorDevice;
        }

        long time() {
            return time;
        }

        void emit(CtiEvent e) {
            sink.accept(e);
        }

        Envelope env(String callId, String legId, String device) {
            Envelope e = Envelope.of(switchId, time, callId, legId, device);
            e = raw == null ? e : e.withRaw(raw);
            return synthetic ? e.asSynthetic() : e;
        }
    }

    EventTranslator(String switchId, Set<String> monitored, CallBook book) {
        this.switchId = switchId;
        this.monitored = Set.copyOf(monitored);
        this.book = book;
    }

    CallBook book() {
        return book;
    }

    /** Reports of one change seen again through another monitor and applied once. */
    long duplicates() {
        return duplicates;
    }

    /** The station an agent was last seen at, empty when unknown. */
    String deviceOf(String agentId) {
        return agentDevice.getOrDefault(agentId, "");
    }

    /** Remembers where an agent works (from a login command). */
    void agentAt(String agentId, String device) {
        agentDevice.put(agentId, device);
        deviceAgent.put(device, agentId);
    }

    /** Translates one event element that no monitor is named for. */
    void translate(XmlElement ev, String raw, long time, Consumer<CtiEvent> sink) {
        translate(ev, raw, time, sink, "");
    }

    /**
     * Translates one event element.
     *
     * @param monitorDevice the device whose monitor reported it (from its cross reference), empty when unknown
     */
    void translate(XmlElement ev, String raw, long time, Consumer<CtiEvent> sink, String monitorDevice) {
        Out out = new Out(sink, time, raw, false, monitorDevice);
        switch (ev.name()) {
            case "ServiceInitiatedEvent" -> serviceInitiated(ev, out);
            case "OriginatedEvent" -> originated(ev, out);
            case "DeliveredEvent" -> delivered(ev, out);
            case "QueuedEvent" -> queued(ev, out);
            case "EstablishedEvent" -> established(ev, out);
            case "HeldEvent" -> state(ev, "heldConnection", "holdingDevice", LegState.HELD, out);
            case "RetrievedEvent" -> state(ev, "retrievedConnection", "retrievingDevice", LegState.CONNECTED, out);
            case "ConnectionClearedEvent" -> connectionCleared(ev, out);
            case "CallClearedEvent" -> callCleared(ev, out);
            case "FailedEvent" -> failed(ev, out);
            case "NetworkReachedEvent" -> networkReached(ev, out);
            case "DivertedEvent" -> diverted(ev, out);
            case "TransferedEvent", "TransferredEvent" -> transferred(ev, out);
            case "ConferencedEvent" -> conferenced(ev, out);
            case "AgentLoggedOnEvent" -> agent(ev, AgentState.NOT_READY, out);
            case "AgentLoggedOffEvent" -> agent(ev, AgentState.LOGGED_OUT, out);
            case "AgentReadyEvent" -> agent(ev, AgentState.READY, out);
            case "AgentNotReadyEvent" -> agent(ev, AgentState.NOT_READY, out);
            case "AgentWorkingAfterCallEvent" -> agent(ev, AgentState.WRAP_UP, out);
            case "AgentBusyEvent" -> agent(ev, AgentState.BUSY, out);
            default -> raw(ev, out);
        }
    }

    /** Passes an element through as a RawEvent, with its leaf values flattened to paths. */
    void raw(XmlElement ev, Consumer<CtiEvent> sink, String raw, long time, String monitorDevice) {
        raw(ev, new Out(sink, time, raw, false, monitorDevice));
    }

    private void raw(XmlElement ev, Out out) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten(ev, "", fields);
        ConnectionId conn = ev.find("callID").isPresent() ? CstaIds.connection(ev) : ConnectionId.NONE;
        String callId = conn.isEmpty() ? "" : book.call(conn.callId()).map(c -> c.nativeId).orElse(conn.callId());
        out.emit(new RawEvent(out.env(callId, "", out.monitorDevice), ev.name(), fields));
    }

    private static void flatten(XmlElement e, String prefix, Map<String, String> into) {
        Map<String, Integer> seen = new HashMap<>();
        for (XmlElement c : e.children()) {
            if (into.size() >= MAX_RAW_FIELDS) {
                return;
            }
            int n = seen.merge(c.name(), 1, Integer::sum);
            String path = prefix + c.name() + (n > 1 ? "[" + n + "]" : "");
            if (c.children().isEmpty()) {
                into.put(path, c.text());
            } else {
                flatten(c, path + "/", into);
            }
        }
    }

    // ------------------------------------------------------------------ call events

    private void serviceInitiated(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "initiatedConnection");
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        String device = orElse(CstaIds.device(ev, "initiatingDevice"), id.deviceId());
        BookCall call = callFor(id.callId(), out);
        if (call == null) {
            return;
        }
        Conn conn = connOrNew(call, id.deviceId(), device, LegRole.CALLER, LegState.INITIATED, out);
        if (call.caller == null) {
            call.caller = conn;
        }
    }

    private void originated(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "originatedConnection");
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        String calling = orElse(CstaIds.device(ev, "callingDevice"), id.deviceId());
        String called = CstaIds.device(ev, "calledDevice");
        BookCall call = callFor(id.callId(), out);
        if (call == null) {
            return;
        }
        start(call, monitored.contains(called) || queueDevices.contains(called) ? Direction.INTERNAL : Direction.OUTBOUND,
                calling, called, parentOf(calling, call, ev), out);
        Conn conn = connOrNew(call, id.deviceId(), calling, LegRole.CALLER, LegState.INITIATED, out);
        if (call.caller == null) {
            call.caller = conn;
        }
        data(call, ev, out);
    }

    private void delivered(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "connection");
        String alerting = orElse(CstaIds.device(ev, "alertingDevice"), id.deviceId());
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        BookCall call = inboundOrKnown(id.callId(), ev, out);
        if (call == null) {
            return;
        }
        Optional<Conn> known = connOf(call, id.deviceId(), alerting);
        if (known.isPresent()) {
            move(known.get(), LegState.ALERTING, out);
        } else {
            String redirection = CstaIds.device(ev, "lastRedirectionDevice");
            LegRole role = !call.queueId.isEmpty() || queueDevices.contains(redirection) ? LegRole.AGENT : LegRole.CALLED;
            connOrNew(call, id.deviceId(), alerting, role, LegState.ALERTING, out);
        }
        data(call, ev, out);
    }

    private void queued(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "queuedConnection");
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        String queue = orElse(CstaIds.device(ev, "queue"), id.deviceId());
        queueDevices.add(queue);
        BookCall call = inboundOrKnown(id.callId(), ev, out);
        if (call == null) {
            return;
        }
        Conn waiting = call.caller;
        if (waiting == null || waiting.state.isTerminal()) {
            waiting = connOrNew(call, id.deviceId(), queue, LegRole.QUEUE, LegState.QUEUED, out);
        }
        if (waiting.state == LegState.QUEUED && queue.equals(call.queueId)) {
            duplicates++;
            return;
        }
        if (waiting.state == LegState.INITIATED || waiting.state == LegState.CONNECTED || waiting.state == LegState.QUEUED) {
            waiting.state = LegState.QUEUED;
            call.queueId = queue;
            call.queuedAt = out.time();
            out.emit(new CallQueued(out.env(call.nativeId, waiting.legId, queue), queue));
        }
        data(call, ev, out);
    }

    private void established(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "establishedConnection");
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        String answering = orElse(CstaIds.device(ev, "answeringDevice"), id.deviceId());
        BookCall call = inboundOrKnown(id.callId(), ev, out);
        if (call == null) {
            return;
        }
        Conn conn = connOf(call, id.deviceId(), answering).orElseGet(() ->
                connOrNew(call, id.deviceId(), answering, call.queueId.isEmpty() ? LegRole.CALLED : LegRole.AGENT,
                        LegState.INITIATED, out));
        boolean changed = conn.state != LegState.CONNECTED;
        move(conn, LegState.CONNECTED, out);
        for (Conn other : call.live()) {
            if (other != conn && other.role == LegRole.QUEUE) {
                clear(other, "delivered", out);
                changed = true;
            } else if (other != conn && (other.state == LegState.INITIATED || other.state == LegState.QUEUED)) {
                move(other, LegState.CONNECTED, out);
                changed = true;
            }
        }
        if (changed) {
            call.queueId = "";
        }
        data(call, ev, out);
    }

    private void state(XmlElement ev, String connName, String deviceName, LegState target, Out out) {
        ConnectionId id = CstaIds.connection(ev, connName);
        String device = orElse(CstaIds.device(ev, deviceName), id.deviceId());
        Optional<BookCall> call = known(id, ev, out);
        if (call.isEmpty()) {
            return;
        }
        Optional<Conn> conn = connOf(call.get(), id.deviceId(), device);
        if (conn.isEmpty()) {
            conn = Optional.of(connOrNew(call.get(), id.deviceId(), device, LegRole.UNKNOWN, LegState.INITIATED, out));
            move(conn.get(), LegState.CONNECTED, out);
        }
        move(conn.get(), target, out);
    }

    private void connectionCleared(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "droppedConnection");
        String device = orElse(CstaIds.device(ev, "releasingDevice"), id.deviceId());
        Optional<BookCall> found = known(id, ev, out);
        if (found.isEmpty()) {
            return;
        }
        BookCall call = found.get();
        Optional<Conn> conn = connOf(call, id.deviceId(), device);
        if (conn.isEmpty()) {
            if (queueDevices.contains(device) || call.recentlyClearedDevice(device)) {
                duplicates++;
                return;
            }
            log.debug("ConnectionCleared of {} in call {}, a party the adapter did not track", device, call.nativeId);
            duplicates++;
            return;
        }
        clear(conn.get(), cause(ev), out);
    }

    private void callCleared(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "clearedCall");
        Optional<BookCall> found = known(id, ev, out);
        if (found.isEmpty()) {
            return;
        }
        BookCall call = found.get();
        String cause = cause(ev);
        abandonIfQueued(call, cause, out);
        out.emit(new CallEnded(out.env(call.nativeId, "", ""), cause));
        book.end(call);
    }

    private void failed(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "failedConnection");
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        String failing = orElse(CstaIds.device(ev, "failingDevice"), id.deviceId());
        BookCall call = knownOrOpened(id.callId(), ev, out);
        if (call == null) {
            return;
        }
        Conn conn = connOf(call, id.deviceId(), failing).orElseGet(() ->
                connOrNew(call, id.deviceId(), failing, LegRole.CALLED, LegState.INITIATED, out));
        if (conn.state == LegState.FAILED || conn.state == LegState.CLEARED) {
            duplicates++;
            return;
        }
        conn.state = LegState.FAILED;
        out.emit(new LegFailed(out.env(call.nativeId, conn.legId, conn.device), cause(ev)));
        endIfOver(call);
    }

    private void networkReached(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "outboundConnection");
        if (id.isEmpty()) {
            raw(ev, out);
            return;
        }
        String called = orElse(CstaIds.device(ev, "calledDevice"), id.deviceId());
        BookCall call = knownOrOpened(id.callId(), ev, out);
        if (call == null) {
            return;
        }
        if (connOf(call, id.deviceId(), called).isEmpty()) {
            Conn conn = book.add(call, id.deviceId(), called, LegRole.CALLED);
            create(conn, LegState.INITIATED, DeviceType.EXTERNAL, out);
        } else {
            duplicates++;
        }
    }

    private void diverted(XmlElement ev, Out out) {
        ConnectionId id = CstaIds.connection(ev, "connection");
        String from = orElse(CstaIds.device(ev, "divertingDevice"), id.deviceId());
        String to = CstaIds.device(ev, "newDestination");
        Optional<BookCall> found = known(id, ev, out);
        if (found.isEmpty()) {
            return;
        }
        BookCall call = found.get();
        Optional<Conn> conn = connOf(call, id.deviceId(), from);
        if (conn.isPresent()) {
            if (conn.get().device.equals(to)) {
                duplicates++;
                return;
            }
            Conn c = conn.get();
            out.emit(new CallDiverted(out.env(call.nativeId, c.legId, from), from, to, cause(ev)));
            c.device = to;
            book.rekey(c, call.nativeId, to);
        } else {
            if (call.divertedTo.contains(from + ">" + to)) {
                duplicates++;
                return;
            }
            call.divertedTo.add(from + ">" + to);
            out.emit(new CallDiverted(out.env(call.nativeId, "", from), from, to, cause(ev)));
        }
    }

    private void transferred(XmlElement ev, Out out) {
        ConnectionId primary = CstaIds.connection(ev, "primaryOldCall");
        ConnectionId secondary = CstaIds.connection(ev, "secondaryOldCall");
        String transferring = CstaIds.device(ev, "transferringDevice");
        String to = CstaIds.device(ev, "transferredToDevice");
        List<XmlElement> items = connectionItems(ev, "transferredConnections");
        Joined joined = join(primary, secondary, items, ev, out);
        if (joined == null) {
            return;
        }
        boolean attended = !secondary.isEmpty() && !secondary.callId().equals(primary.callId());
        out.emit(new CallTransferred(out.env(joined.call.nativeId, "", transferring), joined.oldIds,
                attended ? TransferKind.ATTENDED : TransferKind.BLIND, transferring, to));
        for (Conn c : new ArrayList<>(joined.call.conns.values())) {
            if (!c.state.isTerminal() && c.device.equals(transferring)) {
                clear(c, "transferred", out);
            }
        }
        endIfOver(joined.call);
    }

    private void conferenced(XmlElement ev, Out out) {
        ConnectionId primary = CstaIds.connection(ev, "primaryOldCall");
        ConnectionId secondary = CstaIds.connection(ev, "secondaryOldCall");
        String conferencing = CstaIds.device(ev, "conferencingDevice");
        List<XmlElement> items = connectionItems(ev, "conferenceConnections");
        Joined joined = join(primary, secondary, items, ev, out);
        if (joined == null) {
            return;
        }
        List<String> parties = new ArrayList<>();
        for (XmlElement item : items) {
            String endpoint = item.child("endpoint").map(CstaIds::device)
                    .orElse(CstaIds.connection(item, "newConnection").deviceId());
            if (!endpoint.isEmpty() && !parties.contains(endpoint)) {
                parties.add(endpoint);
            }
        }
        for (Conn c : joined.call.live()) {
            if (!parties.contains(c.device)) {
                parties.add(c.device);
            }
        }
        out.emit(new CallConferenced(out.env(joined.call.nativeId, "", conferencing), joined.oldIds, parties));
        for (Conn c : joined.unmatched) {
            if (!c.state.isTerminal() && c.device.equals(conferencing)) {
                clear(c, "conferenced", out);
            }
        }
        for (Conn c : joined.call.live()) {
            if (c.state == LegState.HELD) {
                move(c, LegState.CONNECTED, out);
            }
        }
    }

    /** The surviving call of a transfer or conference, the old ids for the engine, and connections the switch did not carry over. */
    private record Joined(BookCall call, List<String> oldIds, List<Conn> unmatched) {
    }

    private Joined join(ConnectionId primary, ConnectionId secondary, List<XmlElement> items, XmlElement ev, Out out) {
        List<BookCall> olds = new ArrayList<>();
        List<String> oldIds = new ArrayList<>();
        for (ConnectionId id : List.of(primary, secondary)) {
            if (!id.isEmpty() && !oldIds.contains(id.callId())) {
                oldIds.add(id.callId());
                book.call(id.callId()).filter(c -> !olds.contains(c)).ifPresent(olds::add);
            }
        }
        String newId = "";
        for (XmlElement item : items) {
            ConnectionId n = CstaIds.connection(item, "newConnection");
            if (!n.isEmpty()) {
                newId = n.callId();
                break;
            }
        }
        if (newId.isEmpty()) {
            newId = primary.isEmpty() ? secondary.callId() : primary.callId();
        }
        String signature = String.join("|", oldIds) + ">" + newId + "@" + ev.name();
        if (olds.isEmpty()) {
            if (book.call(newId).map(c -> c.joins.contains(signature)).orElse(false)
                    || oldIds.stream().anyMatch(book::recentlyEnded)) {
                duplicates++;
                return null;
            }
            // calls that started before the adapter saw them: pass the fact on
            raw(ev, out);
            return null;
        }
        if (olds.get(0).joins.contains(signature)) {
            duplicates++;
            return null;
        }
        olds.get(0).joins.add(signature);
        BookCall survivor = olds.get(0);
        List<Conn> before = new ArrayList<>();
        for (BookCall c : olds) {
            before.addAll(c.conns.values());
        }
        book.merge(survivor, olds, newId);
        List<Conn> unmatched = new ArrayList<>(before);
        for (XmlElement item : items) {
            ConnectionId n = CstaIds.connection(item, "newConnection");
            ConnectionId o = CstaIds.connection(item, "oldConnection");
            String endpoint = item.child("endpoint").map(CstaIds::device).orElse(n.deviceId());
            Conn match = null;
            for (Conn c : unmatched) {
                if (!o.isEmpty() && c.connectionCall.equals(o.callId()) && c.connectionDevice.equals(o.deviceId())) {
                    match = c;
                    break;
                }
            }
            if (match == null && o.isEmpty()) {
                for (Conn c : unmatched) {
                    if ((c.device.equals(endpoint) || c.connectionDevice.equals(n.deviceId()))
                            && (match == null || !c.state.isTerminal() && match.state.isTerminal())) {
                        match = c;
                    }
                }
            }
            if (match != null && !n.isEmpty()) {
                unmatched.remove(match);
                book.rekey(match, n.callId(), n.deviceId());
            }
        }
        List<String> engineOld = new ArrayList<>(oldIds);
        if (engineOld.size() > 1) {
            engineOld.remove(newId);
        }
        return new Joined(survivor, engineOld, unmatched);
    }

    private static List<XmlElement> connectionItems(XmlElement ev, String listName) {
        return ev.child(listName).map(l -> l.findAll("connectionListItem")).orElse(List.of());
    }

    // ------------------------------------------------------------------ agent events

    private void agent(XmlElement ev, AgentState state, Out out) {
        String device = orElse(CstaIds.device(ev, "agentDevice"), out.monitorDevice);
        String agentId = orElse(ev.text("agentID"), deviceAgent.getOrDefault(device, device));
        if (device.isEmpty()) {
            device = agentDevice.getOrDefault(agentId, "");
        }
        if (agentId.isEmpty()) {
            raw(ev, out);
            return;
        }
        agentAt(agentId, device);
        String reason = orElse(ev.findText("reasonCode"), orElse(ev.findText("reason"), ""));
        agentState(agentId, device, state, reason, out);
    }

    /** Publishes an agent state when it differs from the last one known (also for polled states). */
    void agentState(String agentId, String device, AgentState state, String reason, Consumer<CtiEvent> sink,
                    long time, boolean synthetic) {
        agentAt(agentId, device);
        agentState(agentId, device, state, reason, new Out(sink, time, null, synthetic));
    }

    private void agentState(String agentId, String device, AgentState state, String reason, Out out) {
        String key = state + "|" + reason;
        AgentState before = agentStates.get(agentId);
        if (before == state && key.equals(agentReasons.get(agentId))) {
            duplicates++;
            return;
        }
        agentStates.put(agentId, state);
        agentReasons.put(agentId, key);
        out.emit(new AgentStateChanged(out.env("", "", device), agentId, state, reason));
    }

    // ------------------------------------------------------------------ resync

    /** One connection a SnapshotDevice reported: the call, the connection's device and its local state. */
    record SnapshotEntry(String callId, String connectionDevice, LegState state) {
    }

    /**
     * Reconciles the book with what the switch reports after a reconnect or a loss of events: legs of the
     * snapshotted devices that are gone or changed get synthetic events, calls no snapshot shows any more are
     * cleared, calls the adapter did not know are announced.
     *
     * @param snapshots the connections per monitored device that answered its SnapshotDevice
     * @param before    the calls known when the snapshots were asked for (later ones are left alone)
     */
    void resync(Map<String, List<SnapshotEntry>> snapshots, Set<BookCall> before, Consumer<CtiEvent> sink, long time) {
        Out out = new Out(sink, time, null, true);
        Map<String, Map<String, LegState>> seen = new LinkedHashMap<>();
        snapshots.forEach((device, entries) -> {
            for (SnapshotEntry e : entries) {
                seen.computeIfAbsent(e.callId(), k -> new LinkedHashMap<>())
                        .put(e.connectionDevice().isEmpty() ? device : e.connectionDevice(), e.state());
            }
        });
        for (BookCall call : book.calls()) {
            if (!before.contains(call)) {
                continue;
            }
            Map<String, LegState> states = null;
            for (String alias : call.aliases) {
                if (seen.containsKey(alias)) {
                    states = seen.remove(alias);
                    break;
                }
            }
            if (states == null) {
                for (Conn c : call.live()) {
                    clear(c, "resync", out);
                }
                if (!call.allTerminal() || book.call(call.nativeId).isPresent()) {
                    book.end(call);
                }
                continue;
            }
            for (Conn c : call.live()) {
                boolean snapshotted = snapshots.containsKey(c.device) || snapshots.containsKey(c.connectionDevice);
                LegState now = states.getOrDefault(c.connectionDevice, states.get(c.device));
                if (now == null) {
                    if (snapshotted) {
                        clear(c, "resync", out);
                    }
                } else if (now != c.state && now != LegState.NULL) {
                    move(c, now, out);
                }
            }
        }
        for (Map.Entry<String, Map<String, LegState>> unknown : seen.entrySet()) {
            if (book.call(unknown.getKey()).isPresent() || book.recentlyEnded(unknown.getKey())) {
                continue;
            }
            BookCall call = book.open(unknown.getKey());
            start(call, Direction.UNKNOWN, "", "", "", out);
            for (Map.Entry<String, LegState> party : unknown.getValue().entrySet()) {
                LegState state = party.getValue();
                if (state == LegState.QUEUED) {
                    queueDevices.add(party.getKey());
                    Conn conn = connOrNew(call, party.getKey(), party.getKey(), LegRole.QUEUE, LegState.QUEUED, out);
                    call.queueId = party.getKey();
                    call.queuedAt = time;
                    out.emit(new CallQueued(out.env(call.nativeId, conn.legId, party.getKey()), party.getKey()));
                    continue;
                }
                LegState initial = state == LegState.ALERTING ? LegState.ALERTING : LegState.INITIATED;
                Conn conn = connOrNew(call, party.getKey(), party.getKey(), LegRole.UNKNOWN, initial, out);
                if (state == LegState.CONNECTED || state == LegState.HELD) {
                    move(conn, LegState.CONNECTED, out);
                }
                if (state == LegState.HELD || state == LegState.FAILED) {
                    move(conn, state, out);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The book's call for an event that may begin a call: the live call with this id, else a new one. Switches
     * recycle call ids, so an id that ended before begins a new call here (repeats of a call's clearing events are
     * recognized elsewhere).
     */
    private BookCall callFor(String callId, Out out) {
        Optional<BookCall> known = book.call(callId);
        return known.isPresent() ? known.get() : book.open(callId);
    }

    /** For Delivered, Queued, Established: opens an unknown call as inbound (or internal) with its caller. */
    private BookCall inboundOrKnown(String callId, XmlElement ev, Out out) {
        BookCall call = callFor(callId, out);
        if (call == null) {
            return null;
        }
        String calling = CstaIds.device(ev, "callingDevice");
        String called = CstaIds.device(ev, "calledDevice");
        if (!call.started) {
            boolean internal = monitored.contains(calling);
            start(call, internal ? Direction.INTERNAL : Direction.INBOUND, calling, called, "", out);
        }
        if (call.caller == null && !calling.isEmpty() && connOf(call, calling, calling).isEmpty()) {
            Conn caller = book.add(call, calling, calling, LegRole.CALLER);
            create(caller, LegState.INITIATED, monitored.contains(calling) ? DeviceType.STATION : DeviceType.TRUNK, out);
            call.caller = caller;
        }
        return call;
    }

    private BookCall knownOrOpened(String callId, XmlElement ev, Out out) {
        BookCall call = callFor(callId, out);
        if (call != null && !call.started) {
            String calling = CstaIds.device(ev, "callingDevice");
            String called = CstaIds.device(ev, "calledDevice");
            start(call, monitored.contains(calling) ? Direction.OUTBOUND : Direction.INBOUND, calling, called, "", out);
        }
        return call;
    }

    /** The live call an event names; an ended one counts as a duplicate, an unknown one is passed through. */
    private Optional<BookCall> known(ConnectionId id, XmlElement ev, Out out) {
        if (id.isEmpty()) {
            raw(ev, out);
            return Optional.empty();
        }
        Optional<BookCall> call = book.call(id.callId());
        if (call.isEmpty()) {
            if (book.recentlyEnded(id.callId())) {
                duplicates++;
            } else {
                log.debug("{} for call {} the adapter has not seen start; passed through", ev.name(), id.callId());
                raw(ev, out);
            }
        }
        return call;
    }

    private void start(BookCall call, Direction direction, String ani, String dnis, String parent, Out out) {
        if (call.started) {
            return;
        }
        call.started = true;
        out.emit(new CallStarted(out.env(call.nativeId, "", ""), direction, ani, dnis, parent));
    }

    /** The held call a consultation from {@code device} was made from, when the event says it is a consultation. */
    private String parentOf(String device, BookCall call, XmlElement ev) {
        if (!cause(ev).equals("consultation")) {
            return "";
        }
        for (BookCall other : book.calls()) {
            if (other != call && other.liveOf(device).map(c -> c.state == LegState.HELD).orElse(false)) {
                return other.nativeId;
            }
        }
        return "";
    }

    private Optional<Conn> connOf(BookCall call, String connectionDevice, String partyDevice) {
        Conn c = call.conns.get(connectionDevice);
        if (c != null) {
            return Optional.of(c);
        }
        return partyDevice.isEmpty() ? Optional.empty() : call.liveOf(partyDevice);
    }

    private Conn connOrNew(BookCall call, String connectionDevice, String partyDevice, LegRole role, LegState initial,
                           Out out) {
        Optional<Conn> known = connOf(call, connectionDevice, partyDevice);
        if (known.isPresent()) {
            if (known.get().state == LegState.NULL) {
                create(known.get(), initial, deviceType(partyDevice), out);
            }
            return known.get();
        }
        Conn c = book.add(call, connectionDevice.isEmpty() ? partyDevice : connectionDevice, partyDevice, role);
        create(c, initial, deviceType(partyDevice), out);
        return c;
    }

    private void create(Conn c, LegState initial, DeviceType type, Out out) {
        c.state = initial;
        out.emit(new LegCreated(out.env(c.call.nativeId, c.legId, c.device), c.role, initial, type, c.device));
        if (initial == LegState.ALERTING) {
            out.emit(new LegAlerting(out.env(c.call.nativeId, c.legId, c.device)));
        }
    }

    private DeviceType deviceType(String device) {
        if (queueDevices.contains(device)) {
            return DeviceType.QUEUE;
        }
        return monitored.contains(device) ? DeviceType.STATION : DeviceType.EXTERNAL;
    }

    /** Moves a connection to a live state and says so, unless it is there already or the move is impossible. */
    private void move(Conn c, LegState target, Out out) {
        if (c.state == target) {
            duplicates++;
            return;
        }
        if (!c.state.canMoveTo(target)) {
            log.debug("leg {} cannot move {} -> {}; report ignored", c.legId, c.state, target);
            duplicates++;
            return;
        }
        LegState from = c.state;
        c.state = target;
        Envelope env = out.env(c.call.nativeId, c.legId, c.device);
        switch (target) {
            case ALERTING -> out.emit(new LegAlerting(env));
            case CONNECTED -> out.emit(from == LegState.HELD ? new LegRetrieved(env) : new LegConnected(env));
            case HELD -> out.emit(new LegHeld(env));
            case FAILED -> out.emit(new LegFailed(env, "resync"));
            case QUEUED -> out.emit(new CallQueued(env, c.call.queueId));
            default -> out.emit(new LegCleared(env, "resync"));
        }
    }

    private void clear(Conn c, String cause, Out out) {
        if (c.state == LegState.CLEARED) {
            duplicates++;
            return;
        }
        BookCall call = c.call;
        if (c.state == LegState.QUEUED) {
            abandonIfQueued(call, cause, out);
        }
        c.state = LegState.CLEARED;
        call.clearedDevices.add(c.device);
        out.emit(new LegCleared(out.env(call.nativeId, c.legId, c.device), cause));
        endIfOver(call);
    }

    private void abandonIfQueued(BookCall call, String cause, Out out) {
        if (call.queueId.isEmpty()) {
            return;
        }
        Conn waiting = call.caller != null && call.caller.state == LegState.QUEUED ? call.caller : null;
        for (Conn c : call.live()) {
            if (waiting == null && c.state == LegState.QUEUED) {
                waiting = c;
            }
        }
        if (waiting == null) {
            return;
        }
        out.emit(new CallAbandoned(out.env(call.nativeId, waiting.legId, call.queueId), call.queueId,
                Math.max(0, out.time() - call.queuedAt)));
        call.queueId = "";
    }

    private void endIfOver(BookCall call) {
        if (call.allTerminal()) {
            book.end(call);
        }
    }

    private void data(BookCall call, XmlElement ev, Out out) {
        Map<String, String> changed = new LinkedHashMap<>();
        String uui = ev.child("userData").map(u -> u.findText("string")).filter(s -> !s.isEmpty())
                .or(() -> ev.child("userData").map(XmlElement::text)).orElse("");
        if (!uui.isEmpty() && !uui.equals(call.uui)) {
            call.uui = uui;
            changed.put("uui", uui);
        }
        String ucid = orElse(ev.findText("ucid"), ev.findText("UCID"));
        if (!ucid.isEmpty() && !ucid.equals(call.ucid)) {
            call.ucid = ucid;
            changed.put("ucid", ucid);
        }
        if (!changed.isEmpty()) {
            out.emit(new CallDataChanged(out.env(call.nativeId, "", ""), changed));
        }
        if (changed.containsKey("ucid")) {
            out.emit(new CallAliased(out.env(call.nativeId, "", ""), ucid));
        }
    }

    private static String cause(XmlElement ev) {
        return ev.text("cause");
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}

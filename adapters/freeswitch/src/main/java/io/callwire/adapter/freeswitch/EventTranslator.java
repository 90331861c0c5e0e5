package io.callwire.adapter.freeswitch;

import io.callwire.adapter.freeswitch.CallDirectory.LegEntry;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns FreeSWITCH events into normalized events, in the order they arrive, on one thread (the connection's
 * event loop): never a pool, so the events of a call keep the switch's order. Legs are grouped into calls by
 * {@code Channel-Call-UUID} (a mod_callcenter agent leg joins its member's call), the leg id is the
 * {@code Unique-ID}, the time is {@code Event-Date-Timestamp}. Events it does not translate pass through as
 * {@link RawEvent}s. Also applies the snapshot taken after each (re)connect.
 */
final class EventTranslator {
    private final String switchId;
    private final String dataPrefix;
    private final CallDirectory directory;
    private final Consumer<CtiEvent> out;
    private final LongSupplier clock;
    /** Last call data published per call, to publish changes only. */
    private final Map<String, Map<String, String>> callData = new HashMap<>();
    private final Map<String, AgentRecord> agents = new HashMap<>();
    /** mod_callcenter's wrap_up_time per agent, in seconds, from the agent list of the last resync. */
    private final Map<String, Integer> wrapUpSeconds = new HashMap<>();
    /** Agents in mod_callcenter's timed wrap-up after a queue call: the end of it, in ms (event time). */
    private final Map<String, Long> timedWrapUps = new HashMap<>();
    /** Reasons given with AgentWrapUp, by agent, until the agent leaves WRAP_UP (mod_callcenter has no reason codes). */
    private final Map<String, String> wrapUpReasons = new HashMap<>();
    /** Channels cleared lately, so a late event (RECORD_STOP after the hangup) does not resurrect their call. */
    private final Map<String, LegEntry> recentlyGone = new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LegEntry> eldest) {
            return size() > 10_000;
        }
    };
    /** Channel UUIDs created / gone since the resync snapshot was requested; null when no resync runs. */
    private Set<String> createdDuringResync;
    private Set<String> goneDuringResync;
    /** Channels a Redirect is taking out of a mod_callcenter queue: their member-queue-end is no abandonment. */
    private final Set<String> breakouts = new HashSet<>();
    /** The queue each waiting mod_callcenter member channel is in. */
    private final Map<String, String> memberQueues = new HashMap<>();
    /** Live conference rooms by Conference-Name. */
    private final Map<String, Room> rooms = new HashMap<>();

    /** A conference room: the call its members were merged into, and its members (leg id -> device) in join order. */
    private static final class Room {
        String callId;
        final Map<String, String> members = new java.util.LinkedHashMap<>();
    }

    private record AgentRecord(String status, String state, String deviceId, AgentState published, String reason) {
    }

    EventTranslator(String switchId, String dataPrefix, CallDirectory directory, Consumer<CtiEvent> out,
                    LongSupplier clock) {
        this.switchId = switchId;
        this.dataPrefix = dataPrefix;
        this.directory = directory;
        this.out = out;
        this.clock = clock;
    }

    /** Translates one event and publishes the result (possibly several events, possibly a RawEvent). */
    void translate(EslEvent e) {
        if (!timedWrapUps.isEmpty()) {
            endTimedWrapUps(ts(e));
        }
        String name = e.name();
        switch (name) {
            case "CHANNEL_CREATE" -> ensureLeg(e);
            case "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA" -> progress(e);
            case "CHANNEL_ANSWER" -> legState(e, LegState.CONNECTED);
            case "CHANNEL_BRIDGE" -> bridge(e);
            case "CHANNEL_HOLD" -> legState(e, LegState.HELD);
            case "CHANNEL_UNHOLD" -> legState(e, LegState.CONNECTED);
            case "CHANNEL_HANGUP_COMPLETE" -> hangup(e);
            case "CHANNEL_DESTROY" -> destroy(e);
            case "CHANNEL_UUID" -> uuidChange(e);
            case "DTMF" -> dtmf(e);
            case "RECORD_START", "RECORD_STOP" -> record(e, name.equals("RECORD_START"));
            case "sofia::transferor", "sofia::transferee", "sofia::replaced" -> transfer(e);
            case "callcenter::info" -> callcenter(e);
            case "conference::maintenance" -> conference(e);
            default -> raw(e);
        }
    }

    // ---------------------------------------------------------------- channels

    /** The leg of the event, registered (CallStarted/LegCreated published) when this is its first event. */
    private LegEntry ensureLeg(EslEvent e) {
        String uuid = e.header("Unique-ID");
        if (uuid.isEmpty()) {
            raw(e);
            return null;
        }
        LegEntry known = directory.byUuid(uuid).orElse(null);
        if (known != null) {
            return known;
        }
        LegEntry gone = recentlyGone.get(uuid);
        if (gone != null) {
            raw(e, gone);   // a late event of a cleared channel: passed on, the call stays ended
            return null;
        }
        if (createdDuringResync != null) {
            createdDuringResync.add(uuid);
        }
        ChannelFacts f = ChannelFacts.of(e, dataPrefix);
        return register(f, ts(e), false);
    }

    private LegEntry register(ChannelFacts f, long ts, boolean synthetic) {
        String callId = resolveCall(f);
        String parent = directory.byUuid(f.parentCallId()).map(LegEntry::callId).orElse(f.parentCallId());
        boolean consultation = false;
        if (directory.openCall(callId)) {
            Direction direction = f.outbound() ? Direction.OUTBOUND
                    : f.deviceType() == DeviceType.TRUNK || f.context().equals("public") ? Direction.INBOUND
                    : Direction.INTERNAL;
            consultation = !parent.isEmpty() && !parent.equals(callId);
            publish(new CallStarted(env(ts, callId, "", "", synthetic), direction, f.ani(), f.dnis(),
                    consultation ? parent : ""));
        }
        boolean first = directory.legsOf(callId).isEmpty() && callId.equals(f.callUuid().isEmpty() ? f.uuid() : f.callUuid());
        LegRole role = f.agent() ? LegRole.AGENT : consultation ? LegRole.CONSULT : first ? LegRole.CALLER : LegRole.CALLED;
        LegEntry leg = directory.add(f.uuid(), callId, f.deviceId(), f.deviceType(), role, f.outbound());
        publish(new LegCreated(env(ts, callId, leg.legId(), leg.deviceId(), synthetic), role, LegState.INITIATED,
                f.deviceType(), f.outbound() ? f.dnis() : f.ani()));
        data(callId, f.data(), ts, synthetic);
        return leg;
    }

    /** The call a new channel belongs to: its member's call for a callcenter agent, else its Call-UUID's. */
    private String resolveCall(ChannelFacts f) {
        for (String related : f.relatedUuids()) {
            LegEntry r = directory.byUuid(related).orElse(null);
            if (r != null) {
                return r.callId();
            }
        }
        if (!f.callUuid().isEmpty()) {
            if (directory.hasCall(f.callUuid())) {
                return f.callUuid();
            }
            LegEntry owner = directory.byUuid(f.callUuid()).orElse(null);
            if (owner != null) {
                return owner.callId();
            }
            return f.callUuid();
        }
        return f.uuid();
    }

    private void progress(EslEvent e) {
        LegEntry leg = ensureLeg(e);
        if (leg == null) {
            return;
        }
        if (leg.outbound()) {
            move(leg, LegState.ALERTING, ts(e), false);
        } else {
            raw(e, leg);   // ringback played to an inbound caller: the caller is not alerting
        }
    }

    private void legState(EslEvent e, LegState target) {
        LegEntry leg = ensureLeg(e);
        if (leg != null) {
            move(leg, target, ts(e), false);
            data(leg.callId(), ChannelFacts.data(e, dataPrefix), ts(e), false);
        }
    }

    private void move(LegEntry leg, LegState target, long ts, boolean synthetic) {
        LegEntry current = directory.byLegId(leg.legId()).orElse(leg);
        if (current.state() == target) {
            return;
        }
        if (target == LegState.ALERTING && current.state() != LegState.INITIATED) {
            return;   // early media after answer or a second 180: nothing changes for the model
        }
        Envelope env = env(ts, current.callId(), current.legId(), current.deviceId(), synthetic);
        CtiEvent event = switch (target) {
            case ALERTING -> new LegAlerting(env);
            case CONNECTED -> current.state() == LegState.HELD ? new LegRetrieved(env) : new LegConnected(env);
            case HELD -> new LegHeld(env);
            default -> throw new IllegalArgumentException("not a live target state: " + target);
        };
        directory.put(current.withState(target));
        publish(event);
    }

    private void bridge(EslEvent e) {
        LegEntry a = ensureLeg(e);
        if (a == null) {
            return;
        }
        LegEntry b = directory.byUuid(e.header("Other-Leg-Unique-ID")).orElse(null);
        if (b != null && !b.callId().equals(a.callId())) {
            // two calls joined by a bridge (uuid_bridge completing a consultation): the older call survives
            // the consulted party is the leg of the younger call
            LegEntry consulted = directory.callOrder(a.callId()) > directory.callOrder(b.callId()) ? a : b;
            merge(List.of(a.callId(), b.callId()), TransferKind.ATTENDED, consultingDevice(a.callId(), b.callId()),
                    consulted.deviceId(), ts(e));
        }
        move(directory.byLegId(a.legId()).orElse(a), LegState.CONNECTED, ts(e), false);
        if (b != null) {
            move(directory.byLegId(b.legId()).orElse(b), LegState.CONNECTED, ts(e), false);
        }
    }

    /** The station that placed a consultation (its CONSULT leg) among these calls, else empty. */
    private String consultingDevice(String... callIds) {
        for (String c : callIds) {
            for (LegEntry l : directory.legsOf(c)) {
                if (l.role() == LegRole.CONSULT) {
                    return l.deviceId();
                }
            }
        }
        return "";
    }

    private void hangup(EslEvent e) {
        LegEntry leg = directory.byUuid(e.header("Unique-ID")).orElse(null);
        if (leg == null) {
            raw(e);   // a channel we never saw (or already cleared by a resync): nothing to clear
            return;
        }
        long ts = ts(e);
        data(leg.callId(), ChannelFacts.data(e, dataPrefix), ts, false);
        String cause = e.header("Hangup-Cause");
        boolean answered = e.longHeader("Caller-Channel-Answered-Time", 0) > 0 || leg.state() == LegState.CONNECTED
                || leg.state() == LegState.HELD;
        Envelope env = env(ts, leg.callId(), leg.legId(), leg.deviceId(), false);
        publish(!answered && leg.outbound() ? new LegFailed(env, cause) : new LegCleared(env, cause));
        gone(leg);
    }

    private void destroy(EslEvent e) {
        LegEntry leg = directory.byUuid(e.header("Unique-ID")).orElse(null);
        if (leg != null) {   // HANGUP_COMPLETE never came for it
            publish(new LegCleared(env(ts(e), leg.callId(), leg.legId(), leg.deviceId(), false),
                    e.header("Hangup-Cause")));
            gone(leg);
        }
        // a destroy after HANGUP_COMPLETE is fully consumed: the leg was cleared already
    }

    private void gone(LegEntry leg) {
        directory.remove(leg);
        memberQueues.remove(leg.uuid());
        breakouts.remove(leg.uuid());
        if (!rooms.isEmpty()) {   // a member gone without its del-member (link down, resync)
            rooms.values().removeIf(r -> r.members.remove(leg.legId()) != null && r.members.isEmpty());
        }
        recentlyGone.put(leg.uuid(), leg);
        if (goneDuringResync != null) {
            goneDuringResync.add(leg.uuid());
        }
        if (!directory.hasCall(leg.callId())) {
            callData.remove(leg.callId());
        }
    }

    /**
     * CHANNEL_UUID: the channel got a new Unique-ID (and possibly a new name: a pickup or a replaced call). The leg
     * keeps the id the engine knows; CallDiverted tells the device it now is on.
     */
    private void uuidChange(EslEvent e) {
        LegEntry leg = directory.byUuid(e.header("Old-Unique-ID")).orElse(null);
        String uuid = e.header("Unique-ID");
        if (leg == null || uuid.isEmpty()) {
            raw(e, leg);
            return;
        }
        directory.rename(leg, uuid);
        String name = e.header("Channel-Name");
        String device = name.isEmpty() ? leg.deviceId() : ChannelFacts.device(name);
        if (!device.equals(leg.deviceId())) {
            directory.put(directory.byLegId(leg.legId()).orElse(leg).withDevice(device));
        }
        publish(new CallDiverted(env(ts(e), leg.callId(), leg.legId(), device, false), leg.deviceId(), device,
                "uuid-change"));
    }

    private void dtmf(EslEvent e) {
        LegEntry leg = ensureLeg(e);
        if (leg != null) {
            publish(new DtmfReceived(env(ts(e), leg.callId(), leg.legId(), leg.deviceId(), false), e.header("DTMF-Digit")));
        }
    }

    private void record(EslEvent e, boolean start) {
        LegEntry gone = recentlyGone.get(e.header("Unique-ID"));
        LegEntry leg = gone != null && directory.byUuid(e.header("Unique-ID")).isEmpty() ? gone : ensureLeg(e);
        if (leg == null) {
            return;
        }
        String path = e.header("Record-File-Path");
        Envelope env = env(ts(e), leg.callId(), leg.legId(), leg.deviceId(), false);
        publish(start ? new RecordingStarted(env, path, path) : new RecordingStopped(env, path));
    }

    // ---------------------------------------------------------------- transfers

    private void transfer(EslEvent e) {
        LegEntry self = directory.byUuid(e.header("Unique-ID")).orElse(null);
        Set<String> calls = new LinkedHashSet<>();
        if (self != null) {
            calls.add(self.callId());
        }
        boolean attended = false;
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            if (h.getKey().startsWith("att_xfer_")) {
                attended = true;
                directory.byUuid(h.getValue()).ifPresent(l -> calls.add(l.callId()));
            }
        }
        directory.byUuid(e.header("Other-Leg-Unique-ID")).ifPresent(l -> calls.add(l.callId()));
        long ts = ts(e);
        if (calls.size() > 1) {
            merge(new ArrayList<>(calls), TransferKind.ATTENDED, self == null ? "" : self.deviceId(), "", ts);
        } else if (!attended && e.name().equals("sofia::transferor") && self != null) {
            String destination = firstNonEmpty(e.header("variable_transfer_destination"),
                    referTarget(e.header("variable_sip_refer_to")), e.header("Refer-To"));
            publish(new CallTransferred(env(ts, self.callId(), self.legId(), self.deviceId(), false), List.of(),
                    TransferKind.BLIND, self.deviceId(), destination));
        } else {
            raw(e, self);
        }
    }

    // ---------------------------------------------------------------- conferences

    /**
     * conference::maintenance add-member / del-member: a member joining from another call merges that call into the
     * room's call; from the second member on every change publishes CallConferenced with the room's parties.
     */
    private void conference(EslEvent e) {
        String action = e.header("Action");
        String name = e.header("Conference-Name");
        boolean add = action.equals("add-member");
        if (!add && !action.equals("del-member") || name.isEmpty()) {
            raw(e);   // start-talking, floor-change, conference-create, ...: passed through
            return;
        }
        LegEntry leg = add ? ensureLeg(e) : directory.byUuid(e.header("Unique-ID")).orElse(null);
        Room room = rooms.get(name);
        if (leg == null || !add && room == null) {
            if (leg == null && add) {
                return;   // a late event of a cleared channel: ensureLeg passed it on
            }
            raw(e, leg);
            return;
        }
        long ts = ts(e);
        if (add) {
            if (room == null) {
                room = new Room();
                rooms.put(name, room);
            }
            if (room.callId == null || !directory.hasCall(room.callId)) {
                room.callId = leg.callId();
            }
            List<String> olds = List.of();
            if (!leg.callId().equals(room.callId)) {
                List<String> folded = fold(List.of(room.callId, leg.callId()));
                room.callId = folded.get(0);
                olds = folded.subList(1, folded.size());
            }
            room.members.put(leg.legId(), leg.deviceId());
            if (room.members.size() < 2 && olds.isEmpty()) {
                raw(e, directory.byLegId(leg.legId()).orElse(leg));   // alone in the room: nothing joined yet
                return;
            }
            publish(new CallConferenced(env(ts, room.callId, leg.legId(), leg.deviceId(), false), olds,
                    List.copyOf(room.members.values())));
        } else {
            room.members.remove(leg.legId());
            if (room.members.isEmpty()) {
                rooms.remove(name);
                raw(e, leg);
                return;
            }
            publish(new CallConferenced(env(ts, room.callId, "", "", false), List.of(),
                    List.copyOf(room.members.values())));
        }
    }

    /** Folds the younger calls into the oldest and publishes the CallTransferred that tells the engine so. */
    private void merge(List<String> callIds, TransferKind kind, String transferringDevice, String destination, long ts) {
        List<String> folded = fold(callIds);
        publish(new CallTransferred(env(ts, folded.get(0), "", transferringDevice, false), folded.subList(1, folded.size()),
                kind, transferringDevice, destination));
    }

    /** Moves the legs and data of the younger calls into the oldest; returns the survivor followed by the olds. */
    private List<String> fold(List<String> callIds) {
        String survivor = callIds.get(0);
        for (String c : callIds) {
            if (directory.callOrder(c) < directory.callOrder(survivor)) {
                survivor = c;
            }
        }
        List<String> olds = new ArrayList<>();
        for (String c : callIds) {
            if (!c.equals(survivor)) {
                olds.add(c);
                directory.merge(c, survivor);
                Map<String, String> oldData = callData.remove(c);
                if (oldData != null) {
                    Map<String, String> target = callData.computeIfAbsent(survivor, k -> new HashMap<>());
                    oldData.forEach(target::putIfAbsent);
                }
            }
        }
        List<String> out = new ArrayList<>();
        out.add(survivor);
        out.addAll(olds);
        return out;
    }

    // ---------------------------------------------------------------- mod_callcenter

    private void callcenter(EslEvent e) {
        String action = e.header("CC-Action");
        long ts = ts(e);
        switch (action) {
            case "member-queue-start" -> {
                LegEntry leg = directory.byUuid(e.header("CC-Member-Session-UUID")).orElse(null);
                if (leg == null) {
                    raw(e);
                    return;
                }
                LegEntry current = leg;
                memberQueues.put(leg.uuid(), e.header("CC-Queue"));
                directory.put(current.withState(LegState.QUEUED));
                publish(new CallQueued(env(ts, leg.callId(), leg.legId(), e.header("CC-Queue"), false), e.header("CC-Queue")));
            }
            case "member-queue-end" -> {
                String member = e.header("CC-Member-Session-UUID");
                LegEntry leg = directory.byUuid(member).orElse(null);
                boolean redirected = breakouts.remove(member) && leg != null;
                if (!redirected) {
                    memberQueues.remove(member);
                }
                if (redirected) {
                    // a Redirect took the caller out of the queue: not abandoned; the answered caller is connected.
                    // The queue stays noted for the Redirect's CallDiverted when this event overtook the job's +OK.
                    raw(e, leg);
                    if (leg.state() == LegState.QUEUED) {
                        move(leg, LegState.CONNECTED, ts, false);
                    }
                } else if (leg != null && e.header("CC-Cause").equalsIgnoreCase("Cancel")) {
                    long joined = e.longHeader("CC-Member-Joined-Time", 0);
                    long left = e.longHeader("CC-Member-Leaving-Time", 0);
                    long waited = joined > 0 && left >= joined ? (left - joined) * 1000 : 0;
                    publish(new CallAbandoned(env(ts, leg.callId(), leg.legId(), e.header("CC-Queue"), false),
                            e.header("CC-Queue"), waited));
                } else {
                    raw(e, leg);   // Terminated: the member was served, the bridge events tell the rest
                }
            }
            case "agent-status-change" -> agent(e.header("CC-Agent"), e.header("CC-Agent-Status"), null, "", ts, false);
            case "agent-state-change" -> agent(e.header("CC-Agent"), null, e.header("CC-Agent-State"), "", ts, false);
            case "agent-offering" -> agent(e.header("CC-Agent"), null, "Receiving", "", ts, false);
            case "bridge-agent-start" -> {
                String device = directory.byUuid(e.header("CC-Agent-UUID")).map(LegEntry::deviceId).orElse("");
                agent(e.header("CC-Agent"), null, "In a queue call", device, ts, false);
            }
            case "bridge-agent-end" -> {
                raw(e);
                String agentId = e.header("CC-Agent");
                int wrap = wrapUpSeconds.getOrDefault(agentId, 0);
                if (wrap > 0) {
                    long end = e.longHeader("CC-Bridge-Terminated-Time", 0);
                    timedWrapUps.put(agentId, (end > 0 ? end * 1000 : ts) + wrap * 1000L);
                }
            }
            default -> raw(e);   // bridge-agent-fail, members-count, ...: informational, passed through
        }
    }

    /** Updates an agent from a status and/or a state and publishes the combined state when it changed. */
    void agent(String agentId, String status, String state, String device, long ts, boolean synthetic) {
        if (agentId.isEmpty()) {
            return;
        }
        AgentRecord old = agents.get(agentId);
        String st = status != null ? status : old == null ? "Available" : old.status();
        String sa = state != null ? state : old == null ? "" : old.state();
        String dev = !device.isEmpty() ? device : old == null ? "" : old.deviceId();
        AgentState published;
        String reason = "";
        if (st.equalsIgnoreCase("Logged Out")) {
            published = AgentState.LOGGED_OUT;
        } else if (st.equalsIgnoreCase("On Break")) {
            published = AgentState.NOT_READY;
            reason = st;
        } else {
            switch (sa) {
                case "Receiving", "Reserved" -> published = AgentState.RESERVED;
                case "In a queue call" -> published = AgentState.BUSY;
                case "Idle" -> {
                    // Idle: available but offered no call until set Waiting, what mod_callcenter does itself after
                    // each call of an 'Available (On Demand)' agent: after-call work
                    published = AgentState.WRAP_UP;
                    reason = wrapUpReasons.getOrDefault(agentId, "");
                }
                default -> published = AgentState.READY;
            }
        }
        Long timedUntil = timedWrapUps.get(agentId);
        if (timedUntil != null) {
            if (published == AgentState.RESERVED || ts >= timedUntil) {
                timedWrapUps.remove(agentId);   // offered a new call, or the wrap-up time is over
            } else if (published == AgentState.READY) {
                published = AgentState.WRAP_UP;   // Waiting, but mod_callcenter offers no call before wrap_up_time
                reason = "wrap-up-time";
            }
        }
        if (old != null && old.published() == AgentState.WRAP_UP && published != AgentState.WRAP_UP) {
            wrapUpReasons.remove(agentId);   // after-call work is over
        }
        agents.put(agentId, new AgentRecord(st, sa, dev, published, reason));
        if (old == null || old.published() != published || !old.reason().equals(reason) || !old.deviceId().equals(dev)) {
            publish(new AgentStateChanged(env(ts, "", "", dev, synthetic), agentId, published, reason));
        }
    }

    /** Agents whose mod_callcenter wrap-up time ended by this event's time become what their state says (READY). */
    private void endTimedWrapUps(long now) {
        List<String> over = new ArrayList<>();
        timedWrapUps.forEach((agentId, until) -> {
            if (until <= now) {
                over.add(agentId);
            }
        });
        for (String agentId : over) {
            long until = timedWrapUps.remove(agentId);
            if (agents.containsKey(agentId)) {
                agent(agentId, null, null, "", until, false);
            }
        }
    }

    // ---------------------------------------------------------------- resync

    /** Marks the moment the snapshot commands were sent; channels created or gone after it are not second-guessed. */
    void beginResync() {
        createdDuringResync = new HashSet<>();
        goneDuringResync = new HashSet<>();
    }

    /**
     * Aligns the published model with the switch's snapshot: clears legs the switch no longer has, registers
     * channels it has that were missed, corrects hold/answer state and agent states. Every event is synthetic.
     */
    void applyResync(List<ChannelFacts> channels, List<AgentSnapshot> agentRows, List<MemberSnapshot> members,
                     boolean membersKnown) {
        long now = clock.getAsLong();
        Map<String, ChannelFacts> byUuid = new HashMap<>();
        for (ChannelFacts c : channels) {
            byUuid.put(c.uuid(), c);
        }
        Set<String> created = createdDuringResync == null ? Set.of() : createdDuringResync;
        Set<String> gone = goneDuringResync == null ? Set.of() : goneDuringResync;
        Map<String, String> waiting = new HashMap<>();
        for (MemberSnapshot m : members) {
            if (m.waiting() && !m.sessionUuid().isEmpty()) {
                waiting.put(m.sessionUuid(), m.queue());
            }
        }
        for (LegEntry leg : directory.all()) {
            if (!byUuid.containsKey(leg.uuid()) && !created.contains(leg.uuid())) {
                publish(new LegCleared(env(now, leg.callId(), leg.legId(), leg.deviceId(), true),
                        "resync: channel gone while the link was down"));
                gone(leg);
            }
        }
        for (ChannelFacts c : channels) {
            if (gone.contains(c.uuid())) {
                continue;
            }
            LegEntry leg = directory.byUuid(c.uuid()).orElse(null);
            if (leg == null) {
                leg = register(c, now, true);
            }
            LegState target = switch (c.callState()) {
                case "ACTIVE" -> LegState.CONNECTED;
                case "HELD" -> LegState.HELD;
                case "RINGING", "EARLY" -> leg.outbound() ? LegState.ALERTING : null;
                default -> null;
            };
            LegEntry current = directory.byLegId(leg.legId()).orElse(leg);
            String queue = waiting.get(c.uuid());
            if (queue != null) {
                memberQueues.put(current.uuid(), queue);
                if (current.state() != LegState.QUEUED) {
                    directory.put(current.withState(LegState.QUEUED));
                    publish(new CallQueued(env(now, current.callId(), current.legId(), queue, true), queue));
                }
                continue;
            }
            if (current.state() == LegState.QUEUED && !membersKnown && target == LegState.CONNECTED) {
                continue;   // without the member lists a queued caller cannot be told from an answered one
            }
            if (target == LegState.HELD && current.state() != LegState.CONNECTED && current.state() != LegState.HELD) {
                move(current, LegState.CONNECTED, now, true);
            }
            if (target != null) {
                move(directory.byLegId(leg.legId()).orElse(leg), target, now, true);
            }
        }
        for (AgentSnapshot a : agentRows) {
            wrapUpSeconds.put(a.name(), a.wrapUpSeconds());
            long until = (a.lastBridgeEnd() + a.wrapUpSeconds()) * 1000L;
            if (a.wrapUpSeconds() > 0 && a.lastBridgeEnd() > 0 && until > now) {
                timedWrapUps.put(a.name(), until);
            } else {
                timedWrapUps.remove(a.name());
            }
            agent(a.name(), a.status(), a.state(), a.deviceId(), now, true);
        }
        createdDuringResync = null;
        goneDuringResync = null;
    }

    /** The resync was abandoned (the link dropped again). */
    void abortResync() {
        createdDuringResync = null;
        goneDuringResync = null;
    }

    // ---------------------------------------------------------------- helpers

    private void data(String callId, Map<String, String> values, long ts, boolean synthetic) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, String> known = callData.computeIfAbsent(callId, k -> new HashMap<>());
        Map<String, String> changed = new HashMap<>();
        values.forEach((k, v) -> {
            if (!v.equals(known.get(k))) {
                changed.put(k, v);
                known.put(k, v);
            }
        });
        if (!changed.isEmpty()) {
            publish(new CallDataChanged(env(ts, callId, "", "", synthetic), changed));
        }
    }

    /** Call data the adapter itself set with uuid_setvar (FreeSWITCH reports no event for it). */
    void dataSet(String callId, Map<String, String> values) {
        Map<String, String> known = callData.computeIfAbsent(callId, k -> new HashMap<>());
        values.forEach((k, v) -> {
            if (v.isEmpty()) {
                known.remove(k);
            } else {
                known.put(k, v);
            }
        });
        publish(new CallDataChanged(env(clock.getAsLong(), callId, "", "", false), values));
    }

    /**
     * A Redirect the adapter made with uuid_transfer (FreeSWITCH reports no event for it): CallDiverted from the
     * queue the moved channel waited in, else from the device of the redirected leg.
     */
    void redirected(String callId, String fromLegId, String movedUuid, String destination) {
        String queue = memberQueues.remove(movedUuid);
        String from = queue != null ? queue : directory.byLegId(fromLegId).map(LegEntry::deviceId).orElse("");
        String call = directory.byUuid(movedUuid).map(LegEntry::callId).orElse(callId);
        publish(new CallDiverted(env(clock.getAsLong(), call, "", from, false), from, destination, "redirect"));
    }

    /** A Redirect is about to take this queued channel out of its queue (before the command is sent). */
    void expectBreakout(String uuid) {
        breakouts.add(uuid);
    }

    /** The Redirect failed: a member-queue-end of the channel is what it says again. */
    void dropBreakout(String uuid) {
        breakouts.remove(uuid);
    }

    /** An AgentWrapUp is about to set the agent Idle: its reason goes with the agent's WRAP_UP. */
    void expectWrapUp(String agentId, String reason) {
        wrapUpReasons.put(agentId, reason);
    }

    /** The AgentWrapUp failed. */
    void dropWrapUp(String agentId) {
        AgentRecord a = agents.get(agentId);
        if (a == null || a.published() != AgentState.WRAP_UP) {
            wrapUpReasons.remove(agentId);
        }
    }

    /** A blind transfer the adapter made with uuid_transfer (FreeSWITCH sends no sofia::transfer* for it). */
    void transferred(String callId, String legId, String destination) {
        String device = directory.byLegId(legId).map(LegEntry::deviceId).orElse("");
        publish(new CallTransferred(env(clock.getAsLong(), callId, legId, device, false), List.of(), TransferKind.BLIND,
                device, destination));
    }

    private void raw(EslEvent e) {
        raw(e, directory.byUuid(e.header("Unique-ID")).orElse(null));
    }

    private void raw(EslEvent e, LegEntry leg) {
        Envelope env = leg == null ? env(ts(e), "", "", "", false)
                : env(ts(e), leg.callId(), leg.legId(), leg.deviceId(), false);
        Map<String, String> fields = new HashMap<>(e.headers());
        if (!e.body().isEmpty()) {
            fields.put("_body", e.body());
        }
        publish(new RawEvent(env, e.name(), fields));
    }

    private void publish(CtiEvent event) {
        out.accept(event);
    }

    private Envelope env(long ts, String callId, String legId, String deviceId, boolean synthetic) {
        Envelope env = Envelope.of(switchId, ts, callId, legId, deviceId);
        return synthetic ? env.asSynthetic() : env;
    }

    /** Event-Date-Timestamp is in microseconds since the epoch. */
    private long ts(EslEvent e) {
        long micros = e.longHeader("Event-Date-Timestamp", -1);
        return micros > 0 ? micros / 1000 : clock.getAsLong();
    }

    private static String referTarget(String referTo) {
        if (referTo.isEmpty()) {
            return "";
        }
        String s = referTo.replace("<", "").replace(">", "");
        if (s.startsWith("sip:")) {
            s = s.substring(4);
        }
        int at = s.indexOf('@');
        return at > 0 ? s.substring(0, at) : s;
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}

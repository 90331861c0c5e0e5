package io.callwire.adapter.asterisk;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns AMI events into normalized events. Single-threaded: only the adapter's translator thread calls it, so it
 * keeps its channel, bridge, Local-pair and agent tables without locks.
 *
 * <ul>
 *   <li>A call is an Asterisk {@code Linkedid}; a leg is a real channel's {@code Uniqueid}.</li>
 *   <li>Local channel pairs ({@code ;1}/{@code ;2}) never become legs: the real channel a Local pair dials
 *       inherits the pair's purpose (e.g. AGENT when a queue called the pair), which collapses the pair into
 *       one party; LocalOptimization then only moves that party between bridges.</li>
 *   <li>A leg is announced when it has a role: the originator ({@code Uniqueid == Linkedid}) at Newchannel,
 *       a dialled channel at DialBegin. Repeated states are not republished.</li>
 *   <li>Events without a normalized meaning become {@link RawEvent}s, except the bookkeeping events listed in
 *       {@link #BOOKKEEPING}, which only update the tables, and the high-volume {@link #NOISE}.</li>
 * </ul>
 */
final class EventTranslator {
    private static final Logger log = LoggerFactory.getLogger(EventTranslator.class);

    /** Events that only update the translator's tables (bridges, Local pairs, queue position). */
    static final Set<String> BOOKKEEPING = Set.of("bridgecreate", "bridgeleave", "bridgedestroy", "localbridge",
            "localoptimizationbegin", "localoptimizationend", "queuecallerleave", "dial", "newconnectedline");
    /** High-volume events without meaning for the call model, dropped by design and counted. */
    static final Set<String> NOISE = Set.of("newexten", "rtcpsent", "rtcpreceived", "successfulauth",
            "challengesent", "dtmfbegin", "musiconholdstart", "musiconholdstop", "newaccountcode", "hanguprequest",
            "softhanguprequest", "hanguphandlerpush", "hanguphandlerrun", "cel");

    private static final Set<String> FAILED_DIAL = Set.of("BUSY", "NOANSWER", "CONGESTION", "CHANUNAVAIL", "CANCEL",
            "DONTCALL", "TORTURE", "INVALIDARGS");
    static final String VANISHED = "vanished while the AMI link was down";

    private final String switchId;
    private final AsteriskConfig config;
    private final LiveChannels live;
    private final Map<String, AmiChannel> channels = new HashMap<>();
    private final Map<String, String> callAliases = new HashMap<>();
    private final Map<String, Set<String>> callChannels = new HashMap<>();
    private final Set<String> startedCalls = new HashSet<>();
    private final Map<String, Map<String, String>> pendingData = new HashMap<>();
    /** Local pair -> the role the real channel it dials takes. */
    private final Map<String, LegRole> pairRoles = new HashMap<>();
    private final Map<String, Set<String>> bridges = new HashMap<>();
    private final Set<String> holdingBridges = new HashSet<>();
    private final Map<String, Integer> conferenceSizes = new HashMap<>();
    private final Map<String, AmiAgent> agents = new LinkedHashMap<>();
    private final Set<String> hungUpSinceMark = new HashSet<>();
    private long epoch;
    private boolean resyncPending;
    private boolean synthetic;
    /** Written by the translator thread only; read by anyone for diagnostics. */
    private volatile long ignored;
    private volatile long malformed;

    EventTranslator(String switchId, AsteriskConfig config, LiveChannels live) {
        this.switchId = switchId;
        this.config = config;
        this.live = live;
    }

    /** Events dropped by design (noise, non-allow-listed variables); for diagnostics. */
    long ignored() {
        return ignored;
    }

    /** Translates one event, appending the normalized events to {@code out}. */
    void translate(AmiEvent e, List<CtiEvent> out) {
        String name = e.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "newchannel" -> newChannel(e, out);
            case "newstate" -> newState(e, out);
            case "newcallerid" -> newCallerId(e, out);
            case "dialbegin" -> dialBegin(e, out);
            case "dialstate" -> dialState(e, out);
            case "dialend" -> dialEnd(e, out);
            case "bridgecreate" -> bridgeCreate(e);
            case "bridgeenter" -> bridgeEnter(e, out);
            case "bridgeleave" -> bridgeLeave(e);
            case "bridgedestroy" -> bridgeDestroy(e);
            case "hold" -> hold(e, out, true);
            case "unhold" -> hold(e, out, false);
            case "blindtransfer" -> blindTransfer(e, out);
            case "attendedtransfer" -> attendedTransfer(e, out);
            case "hangup" -> hangup(e, out);
            case "varset" -> varSet(e, out);
            case "dtmfend" -> dtmf(e, out);
            case "mixmonitorstart" -> recording(e, out, true);
            case "mixmonitorstop" -> recording(e, out, false);
            case "queuecallerjoin" -> queueJoin(e, out);
            case "queuecallerleave" -> queueLeave(e);
            case "queuecallerabandon" -> queueAbandon(e, out);
            case "agentcalled" -> agentCalled(e, out);
            case "agentconnect" -> agentEvent(e, out, AgentState.BUSY, "");
            case "agentcomplete" -> agentEvent(e, out, AgentState.READY, "");
            case "agentringnoanswer" -> agentEvent(e, out, AgentState.READY, "ring no answer");
            case "queuememberstatus", "queuememberadded", "queuememberpause", "queuememberpaused", "queuemember" ->
                    queueMember(e, out);
            case "queuememberremoved" -> queueMemberRemoved(e, out);
            case "devicestatechange" -> deviceState(e, out);
            case "newconnectedline" -> connectedLine(e, out);
            default -> {
                if (BOOKKEEPING.contains(name)) {
                    return;
                }
                if (NOISE.contains(name)) {
                    ignored = ignored + 1;
                    return;
                }
                out.add(raw(e));
            }
        }
    }

    // ---- channels ------------------------------------------------------------------------------------------

    private AmiChannel register(AmiEvent e) {
        String uid = e.get("uniqueid");
        if (uid.isEmpty()) {
            malformed(e, "Uniqueid");
            return null;
        }
        AmiChannel ch = channels.get(uid);
        if (ch == null) {
            String name = e.get("channel");
            if (name.isEmpty()) {
                malformed(e, "Channel");
                return null;
            }
            ch = new AmiChannel(uid, name, e.get("linkedid"), epoch);
            ch.callerNum = clean(e.get("calleridnum"));
            ch.callerName = clean(e.get("calleridname"));
            ch.exten = e.get("exten");
            ch.context = e.get("context");
            channels.put(uid, ch);
            callChannels.computeIfAbsent(callKey(ch), k -> new LinkedHashSet<>()).add(uid);
        }
        return ch;
    }

    /** The channel a Dest* field group describes, registered when first seen. */
    private AmiChannel registerDest(AmiEvent e) {
        String uid = e.get("destuniqueid");
        if (uid.isEmpty()) {
            return null;
        }
        AmiChannel ch = channels.get(uid);
        if (ch == null && !e.get("destchannel").isEmpty()) {
            ch = new AmiChannel(uid, e.get("destchannel"), e.get("destlinkedid"), epoch);
            ch.callerNum = clean(e.get("destcalleridnum"));
            ch.exten = e.get("destexten");
            ch.context = e.get("destcontext");
            channels.put(uid, ch);
            callChannels.computeIfAbsent(callKey(ch), k -> new LinkedHashSet<>()).add(uid);
        }
        return ch;
    }

    private String callKey(AmiChannel ch) {
        return resolve(ch.linkedid);
    }

    private String resolve(String linkedid) {
        String key = linkedid;
        for (int i = 0; i < 16; i++) {
            String next = callAliases.get(key);
            if (next == null) {
                return key;
            }
            key = next;
        }
        return key;
    }

    private void newChannel(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = register(e);
        if (ch == null || ch.local) {
            return;
        }
        if (ch.originator()) {
            ch.number = ch.callerNum;
            announce(ch, LegRole.CALLER, LegState.INITIATED, e.timestamp(), out);
        }
    }

    private void newState(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = register(e);
        if (ch == null || ch.local) {
            return;
        }
        switch (e.get("channelstatedesc")) {
            case "Ringing" -> move(ch, LegState.ALERTING, "", e.timestamp(), out);
            case "Up" -> move(ch, LegState.CONNECTED, "", e.timestamp(), out);
            default -> {
                // Ring, Dialing, Busy...: no leg state of their own
            }
        }
    }

    private void newCallerId(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch == null || ch.local) {
            return;
        }
        ch.callerNum = clean(e.get("calleridnum"));
        ch.callerName = clean(e.get("calleridname"));
        if (ch.role == LegRole.CALLER && ch.announced()) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("callerIdNum", ch.callerNum);
            data.put("callerIdName", ch.callerName);
            out.add(new CallDataChanged(env(e.timestamp(), ch), data));
        } else {
            out.add(raw(e));
        }
    }

    private void connectedLine(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch != null && !ch.local && ch.announced()) {
            out.add(raw(e));
        }
    }

    private void dialBegin(AmiEvent e, List<CtiEvent> out) {
        AmiChannel dialer = channels.get(e.get("uniqueid"));
        AmiChannel dest = registerDest(e);
        if (dest == null) {
            out.add(raw(e));
            return;
        }
        LegRole role = roleDialledBy(dialer, dest);
        if (dest.local) {
            pairRoles.merge(dest.pairKey, role, (a, b) -> a == LegRole.AGENT ? a : b);
            return;
        }
        String dialString = e.get("dialstring");
        dest.number = !dialString.isEmpty() && !dialString.contains("/") ? dialString
                : AmiChannel.resourceOf(dest.device);
        if (!dest.announced()) {
            announce(dest, role, LegState.ALERTING, e.timestamp(), out);
        } else {
            move(dest, LegState.ALERTING, "", e.timestamp(), out);
        }
    }

    private LegRole roleDialledBy(AmiChannel dialer, AmiChannel dest) {
        if (dest.role != null) {
            return dest.role;
        }
        if (dialer == null) {
            return LegRole.CALLED;
        }
        if (dialer.local) {
            return pairRoles.getOrDefault(dialer.pairKey, LegRole.CALLED);
        }
        return dialer.queue.isEmpty() ? LegRole.CALLED : LegRole.AGENT;
    }

    private void dialState(AmiEvent e, List<CtiEvent> out) {
        AmiChannel dest = channels.get(e.get("destuniqueid"));
        if (dest == null || dest.local) {
            return;
        }
        String status = e.get("dialstatus");
        if (status.equals("RINGING")) {
            move(dest, LegState.ALERTING, "", e.timestamp(), out);
        } else if (status.equals("FORWARD") && !e.get("forward").isEmpty()) {
            out.add(new CallDiverted(env(e.timestamp(), dest), dest.device, e.get("forward"), "forward"));
        }
    }

    private void dialEnd(AmiEvent e, List<CtiEvent> out) {
        AmiChannel dest = channels.get(e.get("destuniqueid"));
        if (dest == null || dest.local) {
            return;
        }
        String status = e.get("dialstatus");
        if (status.equals("ANSWER")) {
            move(dest, LegState.CONNECTED, "", e.timestamp(), out);
        } else if (!e.get("forward").isEmpty()) {
            out.add(new CallDiverted(env(e.timestamp(), dest), dest.device, e.get("forward"), status));
        } else if (FAILED_DIAL.contains(status)) {
            move(dest, LegState.FAILED, status, e.timestamp(), out);
        } else {
            out.add(raw(e));
        }
    }

    // ---- bridges ---------------------------------------------------------------------------------------------

    private void bridgeCreate(AmiEvent e) {
        String id = e.get("bridgeuniqueid");
        bridges.computeIfAbsent(id, k -> new LinkedHashSet<>());
        if (holding(e)) {
            holdingBridges.add(id);
        }
    }

    private static boolean holding(AmiEvent e) {
        String tech = e.get("bridgetechnology");
        String type = e.get("bridgetype");
        return tech.equals("holding_bridge") || type.equals("holding") || type.equals("parking");
    }

    private void bridgeEnter(AmiEvent e, List<CtiEvent> out) {
        String id = e.get("bridgeuniqueid");
        if (holding(e)) {
            holdingBridges.add(id);
        }
        AmiChannel ch = register(e);
        Set<String> members = bridges.computeIfAbsent(id, k -> new LinkedHashSet<>());
        members.add(e.get("uniqueid"));
        // a swap (attended transfer, Local optimization) replaces a member: it leaves right after, not a third party
        members.remove(e.get("swapuniqueid"));
        if (ch == null || ch.local) {
            return;
        }
        ch.bridge = id;
        if (holdingBridges.contains(id)) {
            move(ch, LegState.HELD, "", e.timestamp(), out);
            return;
        }
        move(ch, LegState.CONNECTED, "", e.timestamp(), out);
        conferenceCheck(id, e.timestamp(), out);
    }

    /** A bridge with three or more real parties is a conference: one CallConferenced per new size. */
    private void conferenceCheck(String bridgeId, long ts, List<CtiEvent> out) {
        List<AmiChannel> parties = new ArrayList<>();
        for (String uid : bridges.getOrDefault(bridgeId, Set.of())) {
            AmiChannel c = channels.get(uid);
            if (c != null && !c.local) {
                parties.add(c);
            }
        }
        if (parties.size() < 3 || parties.size() <= conferenceSizes.getOrDefault(bridgeId, 0)) {
            return;
        }
        conferenceSizes.put(bridgeId, parties.size());
        String main = callKey(parties.get(0));
        List<String> olds = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        for (AmiChannel c : parties) {
            String k = callKey(c);
            if (!k.equals(main) && !olds.contains(k)) {
                olds.add(k);
            }
            devices.add(c.device);
        }
        merge(olds, main);
        out.add(new CallConferenced(env(ts, main, "", parties.get(0).device), olds, devices));
    }

    private void bridgeLeave(AmiEvent e) {
        Set<String> members = bridges.get(e.get("bridgeuniqueid"));
        if (members != null) {
            members.remove(e.get("uniqueid"));
        }
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch != null && ch.bridge.equals(e.get("bridgeuniqueid"))) {
            ch.bridge = "";
        }
    }

    private void bridgeDestroy(AmiEvent e) {
        String id = e.get("bridgeuniqueid");
        bridges.remove(id);
        holdingBridges.remove(id);
        conferenceSizes.remove(id);
    }

    private void hold(AmiEvent e, List<CtiEvent> out, boolean held) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch == null || ch.local) {
            out.add(raw(e));
            return;
        }
        move(ch, held ? LegState.HELD : LegState.CONNECTED, "", e.timestamp(), out);
    }

    // ---- transfers -------------------------------------------------------------------------------------------

    private void blindTransfer(AmiEvent e, List<CtiEvent> out) {
        AmiChannel transferee = channels.get(e.get("transfereeuniqueid"));
        AmiChannel transferer = channels.get(e.get("transfereruniqueid"));
        if (!e.get("result").equalsIgnoreCase("Success") || transferee == null) {
            out.add(raw(e));
            return;
        }
        String key = callKey(transferee);
        List<String> olds = new ArrayList<>();
        if (transferer != null && !callKey(transferer).equals(key)) {
            olds.add(callKey(transferer));
        }
        merge(olds, key);
        String by = transferer != null ? transferer.device : AmiChannel.deviceOf(e.get("transfererchannel"));
        out.add(new CallTransferred(env(e.timestamp(), key, transferee.uniqueid, by), olds, TransferKind.BLIND, by,
                e.get("extension")));
    }

    private void attendedTransfer(AmiEvent e, List<CtiEvent> out) {
        AmiChannel orig = channels.get(e.get("origtransfereruniqueid"));
        AmiChannel second = channels.get(e.get("secondtransfereruniqueid"));
        if (!e.get("result").equalsIgnoreCase("Success") || orig == null) {
            out.add(raw(e));
            return;
        }
        String key = callKey(orig);
        List<String> olds = new ArrayList<>();
        String secondKey = second != null ? callKey(second) : resolve(e.get("secondtransfererlinkedid"));
        if (!secondKey.isEmpty() && !secondKey.equals(key)) {
            olds.add(secondKey);
        }
        AmiChannel target = channels.get(e.get("transfertargetuniqueid"));
        String destType = e.get("desttype");
        if (destType.equalsIgnoreCase("Threeway")) {
            Set<String> devices = new LinkedHashSet<>();
            for (String k : List.of(key, secondKey)) {
                for (String uid : callChannels.getOrDefault(k, Set.of())) {
                    AmiChannel c = channels.get(uid);
                    if (c != null && !c.local && c.announced() && !c.state.isTerminal()) {
                        devices.add(c.device);
                    }
                }
            }
            merge(olds, key);
            out.add(new CallConferenced(env(e.timestamp(), key, "", orig.device), olds, List.copyOf(devices)));
            return;
        }
        String destination = destType.equalsIgnoreCase("App") ? e.get("destapp")
                : target != null ? target.device : AmiChannel.deviceOf(e.get("transfertargetchannel"));
        merge(olds, key);
        out.add(new CallTransferred(env(e.timestamp(), key, "", orig.device), olds, TransferKind.ATTENDED,
                orig.device, destination));
    }

    /** Folds the old calls into {@code survivor}, as the engine does on CallTransferred/CallConferenced. */
    private void merge(List<String> olds, String survivor) {
        for (String old : olds) {
            callAliases.put(old, survivor);
            Set<String> moved = callChannels.remove(old);
            if (moved != null) {
                callChannels.computeIfAbsent(survivor, k -> new LinkedHashSet<>()).addAll(moved);
                for (String uid : moved) {
                    AmiChannel c = channels.get(uid);
                    if (c != null && !c.local && c.announced()) {
                        live.put(c, survivor);
                    }
                }
            }
            if (startedCalls.remove(old)) {
                startedCalls.add(survivor);
            }
        }
    }

    // ---- hangup --------------------------------------------------------------------------------------------

    private void hangup(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch == null) {
            log.debug("Hangup of unknown channel {} on {}", e.get("channel"), switchId);
            return;
        }
        String cause = e.get("causetxt");
        if (cause.isEmpty()) {
            cause = e.get("cause");
        }
        clear(ch, cause, e.timestamp(), out);
    }

    private void clear(AmiChannel ch, String cause, long ts, List<CtiEvent> out) {
        if (!ch.local && ch.announced() && ch.state != LegState.CLEARED) {
            ch.state = LegState.CLEARED;
            out.add(new LegCleared(env(ts, ch), cause));
        }
        forget(ch);
    }

    private void forget(AmiChannel ch) {
        channels.remove(ch.uniqueid);
        if (resyncPending) {
            hungUpSinceMark.add(ch.uniqueid);
        }
        live.remove(ch.uniqueid);
        String key = callKey(ch);
        Set<String> rest = callChannels.get(key);
        if (rest != null) {
            rest.remove(ch.uniqueid);
            if (rest.isEmpty()) {
                callChannels.remove(key);
                startedCalls.remove(key);
                pendingData.remove(key);
                callAliases.values().removeIf(key::equals);
                callAliases.remove(key);
            }
        }
        if (ch.local) {
            String other = ch.pairKey + (ch.name.endsWith(";1") ? ";2" : ";1");
            if (channels.values().stream().noneMatch(c -> c.name.equals(other))) {
                pairRoles.remove(ch.pairKey);
            }
        }
        if (!ch.bridge.isEmpty()) {
            Set<String> members = bridges.get(ch.bridge);
            if (members != null) {
                members.remove(ch.uniqueid);
            }
        }
    }

    // ---- call data, DTMF, recording -----------------------------------------------------------------------------

    private void varSet(AmiEvent e, List<CtiEvent> out) {
        String variable = e.get("variable");
        while (variable.startsWith("_")) {
            variable = variable.substring(1);
        }
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (variable.equals("MIXMONITOR_FILENAME") && ch != null) {
            ch.recordingFile = e.get("value");
        }
        String key;
        if (variable.startsWith("CALLWIRE_") && variable.length() > 9) {
            key = variable.substring(9);
        } else if (config.variables().contains(variable)) {
            key = variable;
        } else {
            ignored = ignored + 1;
            return;
        }
        String call = ch != null ? callKey(ch) : resolve(e.get("linkedid"));
        if (call.isEmpty()) {
            return;
        }
        if (startedCalls.contains(call)) {
            out.add(new CallDataChanged(env(e.timestamp(), call, "", ch != null && !ch.local ? ch.device : ""),
                    Map.of(key, e.get("value"))));
        } else {
            pendingData.computeIfAbsent(call, k -> new LinkedHashMap<>()).put(key, e.get("value"));
        }
    }

    private void dtmf(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch != null && !ch.local && ch.announced() && e.get("direction").equalsIgnoreCase("Received")) {
            out.add(new DtmfReceived(env(e.timestamp(), ch), e.get("digit")));
        } else {
            out.add(raw(e));
        }
    }

    private void recording(AmiEvent e, List<CtiEvent> out, boolean started) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch == null || !ch.announced()) {
            out.add(raw(e));
            return;
        }
        out.add(started ? new RecordingStarted(env(e.timestamp(), ch), ch.uniqueid, ch.recordingFile)
                : new RecordingStopped(env(e.timestamp(), ch), ch.uniqueid));
    }

    // ---- queues and agents -----------------------------------------------------------------------------------

    private void queueJoin(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = register(e);
        if (ch == null || ch.local) {
            out.add(raw(e));
            return;
        }
        ch.queue = e.get("queue");
        if (!ch.announced()) {
            announce(ch, ch.originator() ? LegRole.CALLER : LegRole.UNKNOWN, LegState.INITIATED, e.timestamp(), out);
        }
        if (ch.state != LegState.QUEUED && (ch.state == LegState.INITIATED || ch.state == LegState.CONNECTED)) {
            ch.state = LegState.QUEUED;
            live.put(ch, callKey(ch));
            out.add(new CallQueued(env(e.timestamp(), ch), ch.queue));
        }
    }

    private void queueLeave(AmiEvent e) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch != null) {
            ch.queue = "";
        }
    }

    private void queueAbandon(AmiEvent e, List<CtiEvent> out) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        if (ch == null || !ch.announced()) {
            out.add(raw(e));
            return;
        }
        long waited = parseLong(e.get("holdtime")) * 1000;
        out.add(new CallAbandoned(env(e.timestamp(), ch), e.get("queue"), waited));
    }

    private AmiAgent agent(String id, String device) {
        AmiAgent a = agents.computeIfAbsent(id, k -> new AmiAgent(k, device.isEmpty() ? k : device));
        if (!device.isEmpty()) {
            a.device = device;
        }
        return a;
    }

    private static String agentId(AmiEvent e) {
        return e.first("interface", "location", "membername", "agentcalled");
    }

    private void agentCalled(AmiEvent e, List<CtiEvent> out) {
        String id = agentId(e);
        AmiChannel dest = registerDest(e);
        if (dest != null) {
            if (dest.local) {
                pairRoles.put(dest.pairKey, LegRole.AGENT);
            } else if (dest.role == null || !dest.announced()) {
                dest.role = LegRole.AGENT;
            }
        }
        if (id.isEmpty()) {
            out.add(raw(e));
            return;
        }
        AmiAgent a = agent(id, "");
        publishAgent(a, AgentState.RESERVED, "offered " + e.get("queue"), e, out);
    }

    private void agentEvent(AmiEvent e, List<CtiEvent> out, AgentState state, String reason) {
        String id = agentId(e);
        if (id.isEmpty()) {
            out.add(raw(e));
            return;
        }
        AmiAgent a = agent(id, "");
        if (a.paused && state == AgentState.READY) {
            publishAgent(a, AgentState.NOT_READY, a.pausedReason, e, out);
        } else {
            publishAgent(a, state, reason, e, out);
        }
    }

    private void queueMember(AmiEvent e, List<CtiEvent> out) {
        String id = agentId(e);
        if (id.isEmpty()) {
            out.add(raw(e));
            return;
        }
        AmiAgent a = agent(id, e.first("stateinterface"));
        if (!e.get("queue").isEmpty()) {
            a.queues.add(e.get("queue"));
            live.queues(a.id, a.queues);
        }
        String paused = e.get("paused");
        if (!paused.isEmpty()) {
            a.paused = paused.equals("true") || paused.equals("1");
        }
        a.pausedReason = e.first("pausedreason", "reason");
        if (!e.get("status").isEmpty()) {
            a.status = (int) parseLong(e.get("status"));
        }
        publishAgent(a, stateOf(a), a.paused ? a.pausedReason : "", e, out);
    }

    private void queueMemberRemoved(AmiEvent e, List<CtiEvent> out) {
        String id = agentId(e);
        AmiAgent a = agents.get(id);
        if (a == null) {
            out.add(raw(e));
            return;
        }
        a.queues.remove(e.get("queue"));
        live.queues(a.id, a.queues);
        if (a.queues.isEmpty()) {
            publishAgent(a, AgentState.LOGGED_OUT, "removed from " + e.get("queue"), e, out);
            agents.remove(id);
        }
    }

    private void deviceState(AmiEvent e, List<CtiEvent> out) {
        String device = e.get("device");
        boolean any = false;
        for (AmiAgent a : agents.values()) {
            if (a.device.equals(device)) {
                any = true;
                a.status = deviceCode(e.get("state"));
                publishAgent(a, stateOf(a), a.paused ? a.pausedReason : "", e, out);
            }
        }
        if (!any) {
            ignored = ignored + 1;
        }
    }

    private static AgentState stateOf(AmiAgent a) {
        if (a.paused) {
            return AgentState.NOT_READY;
        }
        return switch (a.status) {
            case 4, 5 -> AgentState.LOGGED_OUT;
            case 2, 3, 7, 8 -> AgentState.BUSY;
            case 6 -> AgentState.RESERVED;
            default -> AgentState.READY;
        };
    }

    private static int deviceCode(String state) {
        return switch (state) {
            case "NOT_INUSE" -> 1;
            case "INUSE" -> 2;
            case "BUSY" -> 3;
            case "INVALID" -> 4;
            case "UNAVAILABLE" -> 5;
            case "RINGING" -> 6;
            case "RINGINUSE" -> 7;
            case "ONHOLD" -> 8;
            default -> 0;
        };
    }

    private void publishAgent(AmiAgent a, AgentState state, String reason, AmiEvent e, List<CtiEvent> out) {
        String r = reason == null ? "" : reason;
        if (state == a.published && (state != AgentState.NOT_READY || r.equals(a.publishedReason))) {
            return;
        }
        a.published = state;
        a.publishedReason = r;
        String call = e.get("linkedid").isEmpty() ? "" : resolve(e.get("linkedid"));
        Envelope env = Envelope.of(switchId, e.timestamp(), call, "", a.device);
        out.add(new AgentStateChanged(synthetic ? env.asSynthetic() : env, a.id, state, r));
    }

    // ---- leg states ------------------------------------------------------------------------------------------

    /** Publishes CallStarted (first leg of a call) and LegCreated for a real channel. */
    private void announce(AmiChannel ch, LegRole role, LegState initial, long ts, List<CtiEvent> out) {
        if (ch.announced()) {
            return;
        }
        String key = callKey(ch);
        if (!startedCalls.contains(key)) {
            startCall(key, ch, ts, out);
        }
        ch.role = role;
        ch.state = initial;
        if (ch.number.isEmpty()) {
            ch.number = role == LegRole.CALLER ? ch.callerNum : AmiChannel.resourceOf(ch.device);
        }
        live.put(ch, key);
        out.add(new LegCreated(env(ts, ch), role, initial, deviceType(ch), ch.number));
    }

    private void startCall(String key, AmiChannel first, long ts, List<CtiEvent> out) {
        startedCalls.add(key);
        AmiChannel origin = channels.getOrDefault(key, first);
        boolean trunk = config.trunkContexts().contains(origin.context);
        Direction direction = trunk ? Direction.INBOUND
                : origin.uniqueid.startsWith(AsteriskAdapter.ORIGINATE_PREFIX) ? Direction.OUTBOUND : Direction.INTERNAL;
        String parent = "";
        if (!trunk && !origin.local) {
            for (AmiChannel c : channels.values()) {
                if (c != origin && !c.local && c.device.equals(origin.device) && c.state == LegState.HELD) {
                    parent = callKey(c);
                    break;
                }
            }
        }
        String dnis = origin.exten.equals("s") ? "" : origin.exten;
        out.add(new CallStarted(env(ts, key, "", origin.local ? "" : origin.device), direction, origin.callerNum, dnis,
                parent));
        Map<String, String> data = pendingData.remove(key);
        if (data != null) {
            out.add(new CallDataChanged(env(ts, key, "", ""), data));
        }
    }

    private DeviceType deviceType(AmiChannel ch) {
        return ch.originator() && config.trunkContexts().contains(ch.context) ? DeviceType.TRUNK : DeviceType.STATION;
    }

    /** Moves a real channel's leg, announcing it first when needed; repeats and impossible moves publish nothing. */
    private void move(AmiChannel ch, LegState target, String cause, long ts, List<CtiEvent> out) {
        if (!ch.announced()) {
            if (target.isTerminal()) {
                return;
            }
            LegRole role = ch.role != null ? ch.role : ch.originator() ? LegRole.CALLER : LegRole.CALLED;
            announce(ch, role, target == LegState.ALERTING ? LegState.ALERTING : LegState.INITIATED, ts, out);
            if (target == LegState.ALERTING) {
                return;
            }
        }
        LegState from = ch.state;
        if (from == target || from.isTerminal() && target != LegState.CLEARED) {
            return;
        }
        CtiEvent event = switch (target) {
            case ALERTING -> from == LegState.INITIATED || from == LegState.QUEUED ? new LegAlerting(env(ts, ch)) : null;
            case CONNECTED -> from == LegState.HELD ? new LegRetrieved(env(ts, ch)) : new LegConnected(env(ts, ch));
            case HELD -> from == LegState.CONNECTED ? new LegHeld(env(ts, ch)) : null;
            case FAILED -> new LegFailed(env(ts, ch), cause);
            case CLEARED -> new LegCleared(env(ts, ch), cause);
            default -> null;
        };
        if (event != null) {
            ch.state = target;
            live.put(ch, callKey(ch));
            out.add(event);
        }
    }

    // ---- resync ----------------------------------------------------------------------------------------------

    /** Starts a resync round: channels first seen from now on are not cleared by the coming snapshot. */
    void markResync() {
        epoch++;
        resyncPending = true;
        hungUpSinceMark.clear();
    }

    /**
     * Applies a snapshot taken after {@link #markResync()}: publishes (as synthetic) the channels, queue positions
     * and queue members the switch reports, and clears the legs it no longer knows.
     *
     * @param channelList CoreShowChannel events
     * @param queueList   QueueStatus events (QueueParams, QueueMember, QueueEntry)
     */
    void resync(List<AmiEvent> channelList, List<AmiEvent> queueList, long ts, List<CtiEvent> out) {
        synthetic = true;
        try {
            Set<String> present = new HashSet<>();
            for (AmiEvent c : channelList) {
                present.add(c.get("uniqueid"));
            }
            for (AmiChannel ch : List.copyOf(channels.values())) {
                if (ch.epoch < epoch && !present.contains(ch.uniqueid)) {
                    clear(ch, VANISHED, ts, out);
                }
            }
            for (AmiEvent c : channelList) {
                if (hungUpSinceMark.contains(c.get("uniqueid"))) {
                    continue;
                }
                AmiChannel ch = register(c);
                if (ch == null) {
                    continue;
                }
                if (ch.exten.isEmpty()) {
                    ch.exten = c.get("extension");
                }
                if (ch.local) {
                    continue;
                }
                if (!ch.announced()) {
                    LegRole role = ch.originator() ? LegRole.CALLER
                            : agents.values().stream().anyMatch(a -> a.device.equals(ch.device)) ? LegRole.AGENT
                            : LegRole.CALLED;
                    ch.role = role;
                }
                String state = c.get("channelstatedesc");
                if (state.equals("Up")) {
                    move(ch, LegState.CONNECTED, "", ts, out);
                } else if (state.equals("Ringing")) {
                    move(ch, LegState.ALERTING, "", ts, out);
                } else if (!ch.announced()) {
                    announce(ch, ch.role, LegState.INITIATED, ts, out);
                }
            }
            for (AmiEvent q : queueList) {
                String n = q.name().toLowerCase(Locale.ROOT);
                if (n.equals("queuemember")) {
                    queueMember(withTimestamp(q, ts), out);
                } else if (n.equals("queueentry")) {
                    AmiChannel ch = channels.get(q.get("uniqueid"));
                    if (ch == null) {
                        ch = channels.values().stream().filter(x -> x.name.equals(q.get("channel"))).findFirst()
                                .orElse(null);
                    }
                    if (ch != null && !ch.local) {
                        queueJoin(new AmiEvent("QueueCallerJoin", Map.of("uniqueid", ch.uniqueid, "channel", ch.name,
                                "linkedid", ch.linkedid, "queue", q.get("queue")), ts), out);
                    }
                }
            }
        } finally {
            synthetic = false;
            resyncPending = false;
            hungUpSinceMark.clear();
        }
    }

    private static AmiEvent withTimestamp(AmiEvent e, long ts) {
        return new AmiEvent(e.name(), e.fields(), ts);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Events that lacked a field they cannot do without; for diagnostics. */
    long malformed() {
        return malformed;
    }

    private void malformed(AmiEvent e, String field) {
        long n = ++malformed;
        if (n <= 10 || n % 1000 == 0) {
            log.warn("switch {}: AMI {} without {} ignored ({} such events so far); fields: {}", switchId, e.name(),
                    field, n, e.fields().keySet());
        }
    }

    private Envelope env(long ts, AmiChannel ch) {
        return env(ts, callKey(ch), ch.uniqueid, ch.device);
    }

    private Envelope env(long ts, String call, String leg, String device) {
        Envelope env = Envelope.of(switchId, ts, call, leg, device);
        return synthetic ? env.asSynthetic() : env;
    }

    private RawEvent raw(AmiEvent e) {
        AmiChannel ch = channels.get(e.get("uniqueid"));
        String call = ch != null ? callKey(ch) : e.get("linkedid").isEmpty() ? "" : resolve(e.get("linkedid"));
        if (!startedCalls.contains(call)) {
            call = "";
        }
        return new RawEvent(env(e.timestamp(), call, ch != null && !ch.local ? ch.uniqueid : "",
                ch != null ? ch.device : ""), e.name(), e.fields());
    }

    private static String clean(String callerId) {
        return callerId.equals("<unknown>") ? "" : callerId;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

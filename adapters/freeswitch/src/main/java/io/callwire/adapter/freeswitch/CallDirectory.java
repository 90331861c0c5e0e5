package io.callwire.adapter.freeswitch;

import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapter's own map of live FreeSWITCH channels: which call each leg belongs to, its device, role and last
 * published state. Written only by the translating thread (the connection's event loop); read by
 * {@code execute} on the engine thread to turn library call ids into channel UUIDs, hence concurrent maps of
 * immutable entries.
 */
final class CallDirectory {

    /**
     * One live leg.
     *
     * @param legId  the leg id the engine knows (the first Unique-ID the channel had)
     * @param uuid   the channel's current Unique-ID (differs from legId after CHANNEL_UUID)
     * @param callId call id published for the leg
     * @param order  creation order, to tell an original call from a consultation
     */
    record LegEntry(String legId, String uuid, String callId, String deviceId, DeviceType deviceType, LegRole role,
                    boolean outbound, LegState state, long order) {
        LegEntry withState(LegState s) {
            return new LegEntry(legId, uuid, callId, deviceId, deviceType, role, outbound, s, order);
        }

        LegEntry withCall(String c) {
            return new LegEntry(legId, uuid, c, deviceId, deviceType, role, outbound, state, order);
        }

        LegEntry withUuid(String u) {
            return new LegEntry(legId, u, callId, deviceId, deviceType, role, outbound, state, order);
        }

        LegEntry withDevice(String d) {
            return new LegEntry(legId, uuid, callId, d, deviceType, role, outbound, state, order);
        }
    }

    private final Map<String, LegEntry> byUuid = new ConcurrentHashMap<>();
    private final Map<String, LegEntry> byLegId = new ConcurrentHashMap<>();
    private final Map<String, Long> callOrder = new ConcurrentHashMap<>();
    /** Leg ids per call, so a call's legs are found without scanning every channel. */
    private final Map<String, Set<String>> legsByCall = new ConcurrentHashMap<>();
    private long nextOrder;

    /** The leg now known under this channel UUID. */
    Optional<LegEntry> byUuid(String uuid) {
        return uuid == null || uuid.isEmpty() ? Optional.empty() : Optional.ofNullable(byUuid.get(uuid));
    }

    /** The leg the engine knows under this leg id. */
    Optional<LegEntry> byLegId(String legId) {
        return legId == null || legId.isEmpty() ? Optional.empty() : Optional.ofNullable(byLegId.get(legId));
    }

    boolean hasCall(String callId) {
        return callOrder.containsKey(callId);
    }

    /** Creation order of a call (smaller is older), MAX_VALUE when unknown. */
    long callOrder(String callId) {
        return callOrder.getOrDefault(callId, Long.MAX_VALUE);
    }

    /** Registers a new call id; returns false when it is known already. */
    boolean openCall(String callId) {
        return callOrder.putIfAbsent(callId, nextOrder++) == null;
    }

    LegEntry add(String uuid, String callId, String deviceId, DeviceType type, LegRole role, boolean outbound) {
        openCall(callId);
        LegEntry e = new LegEntry(uuid, uuid, callId, deviceId, type, role, outbound, LegState.INITIATED, nextOrder++);
        put(e);
        return e;
    }

    void put(LegEntry e) {
        LegEntry old = byLegId.put(e.legId(), e);
        byUuid.put(e.uuid(), e);
        if (old != null && !old.callId().equals(e.callId())) {
            unlink(old.callId(), old.legId());
        }
        legsByCall.computeIfAbsent(e.callId(), k -> ConcurrentHashMap.newKeySet()).add(e.legId());
    }

    private void unlink(String callId, String legId) {
        Set<String> legs = legsByCall.get(callId);
        if (legs != null) {
            legs.remove(legId);
            if (legs.isEmpty()) {
                legsByCall.remove(callId);
            }
        }
    }

    /** Forgets the leg; forgets its call too when it was the call's last leg. */
    void remove(LegEntry e) {
        byUuid.remove(e.uuid());
        byLegId.remove(e.legId());
        unlink(e.callId(), e.legId());
        if (!legsByCall.containsKey(e.callId())) {
            callOrder.remove(e.callId());
        }
    }

    /** The channel got a new UUID (CHANNEL_UUID); the engine keeps the old leg id. */
    void rename(LegEntry e, String newUuid) {
        byUuid.remove(e.uuid());
        put(e.withUuid(newUuid));
    }

    /** Moves every leg of {@code oldCallId} to {@code survivor}. */
    void merge(String oldCallId, String survivor) {
        for (LegEntry e : legsOf(oldCallId)) {
            put(e.withCall(survivor));
        }
        callOrder.remove(oldCallId);
    }

    /** Live legs of a call, oldest first. */
    List<LegEntry> legsOf(String callId) {
        List<LegEntry> out = new ArrayList<>();
        for (String legId : legsByCall.getOrDefault(callId, Set.of())) {
            LegEntry e = byLegId.get(legId);
            if (e != null && e.callId().equals(callId)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong(LegEntry::order));
        return out;
    }

    /** Every live leg. */
    List<LegEntry> all() {
        return new ArrayList<>(byLegId.values());
    }
}

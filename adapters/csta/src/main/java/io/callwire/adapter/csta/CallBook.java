package io.callwire.adapter.csta;

import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The adapter's own view of the switch's calls: which CSTA call ids (current and former) belong to which call,
 * and which CSTA connection is which library leg. It lets events reported by several monitors be applied once,
 * keeps leg ids stable when the switch renames a call on a transfer or conference, and turns the library ids of
 * commands back into the switch's current call and connection ids. Owned by the connection's event loop.
 */
final class CallBook {
    private static final int RECENTLY_ENDED = 1024;

    /** One call as the adapter knows it. */
    static final class BookCall {
        /** The first CSTA call id, which the engine uses as the library call id. */
        final String libraryId;
        /** The switch's current call id. */
        String nativeId;
        final Set<String> aliases = new LinkedHashSet<>();
        /** Connections by the device id of their CSTA connection id. */
        final Map<String, Conn> conns = new LinkedHashMap<>();
        boolean started;
        Conn caller;
        String queueId = "";
        long queuedAt;
        String uui = "";
        String ucid = "";
        /** Diversions reported for devices without a leg (a queue or VDN), "from>to", to apply each once. */
        final Set<String> divertedTo = new LinkedHashSet<>();
        /** Transfers and conferences applied to this call, to apply a repeated report once. */
        final Set<String> joins = new LinkedHashSet<>();
        /** Devices whose leg in this call has cleared, to recognize repeated clears. */
        final Set<String> clearedDevices = new LinkedHashSet<>();

        BookCall(String nativeId) {
            this.libraryId = nativeId;
            this.nativeId = nativeId;
            aliases.add(nativeId);
        }

        List<Conn> live() {
            List<Conn> out = new ArrayList<>();
            for (Conn c : conns.values()) {
                if (!c.state.isTerminal()) {
                    out.add(c);
                }
            }
            return out;
        }

        boolean recentlyClearedDevice(String device) {
            return clearedDevices.contains(device);
        }

        boolean allTerminal() {
            return live().isEmpty();
        }

        /** The live connection of a device (by party device or connection device). */
        Optional<Conn> liveOf(String device) {
            Conn c = conns.get(device);
            if (c != null && !c.state.isTerminal()) {
                return Optional.of(c);
            }
            for (Conn other : conns.values()) {
                if (other.device.equals(device) && !other.state.isTerminal()) {
                    return Optional.of(other);
                }
            }
            return Optional.empty();
        }
    }

    /** One party of a call: a CSTA connection and its stable library leg id. */
    static final class Conn {
        final String legId;
        /** The party's device (station, trunk, number); a diversion moves it. */
        String device;
        /** The device id of the CSTA connection id now. */
        String connectionDevice;
        /** The call id of the CSTA connection id now (the call's former id until a transfer carries it over). */
        String connectionCall;
        final LegRole role;
        LegState state = LegState.NULL;
        BookCall call;

        Conn(String legId, String device, LegRole role, BookCall call) {
            this.legId = legId;
            this.device = device;
            this.connectionDevice = device;
            this.role = role;
            this.call = call;
        }

        @Override
        public String toString() {
            return legId + "(" + device + " " + state + ")";
        }
    }

    private final Map<String, BookCall> byAlias = new HashMap<>();
    private final Map<String, Conn> byLeg = new HashMap<>();
    private final Map<String, Boolean> recentlyEnded = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_ENDED;
        }
    };

    Optional<BookCall> call(String anyId) {
        return Optional.ofNullable(byAlias.get(anyId));
    }

    /** A live call by its library id or any CSTA id it had, also the engine's {@code switchId/nativeId} form. */
    Optional<BookCall> callForCommand(String callId) {
        BookCall c = byAlias.get(callId);
        if (c == null && callId.indexOf('/') > 0) {
            c = byAlias.get(callId.substring(callId.lastIndexOf('/') + 1));
        }
        return Optional.ofNullable(c);
    }

    Optional<Conn> leg(String legId) {
        return Optional.ofNullable(byLeg.get(legId));
    }

    boolean recentlyEnded(String callId) {
        return recentlyEnded.containsKey(callId);
    }

    Collection<BookCall> calls() {
        return new LinkedHashSet<>(byAlias.values());
    }

    BookCall open(String nativeId) {
        BookCall c = new BookCall(nativeId);
        byAlias.put(nativeId, c);
        recentlyEnded.remove(nativeId);
        return c;
    }

    /** Adds a connection of {@code device} to the call; the leg id is the CSTA connection id it was first seen as. */
    Conn add(BookCall call, String connectionDevice, String partyDevice, LegRole role) {
        String legId = call.nativeId + ":" + connectionDevice;
        int n = 2;
        while (byLeg.containsKey(legId)) {
            legId = call.nativeId + ":" + connectionDevice + "#" + n++;
        }
        Conn c = new Conn(legId, partyDevice, role, call);
        c.connectionDevice = connectionDevice;
        c.connectionCall = call.nativeId;
        call.conns.put(connectionDevice, c);
        byLeg.put(legId, c);
        return c;
    }

    /** Files the connection under another connection id (after a diversion or a call id change). */
    void rekey(Conn conn, String connectionCall, String connectionDevice) {
        conn.connectionCall = connectionCall;
        BookCall call = conn.call;
        call.conns.remove(conn.connectionDevice, conn);
        conn.connectionDevice = connectionDevice;
        Conn previous = call.conns.put(connectionDevice, conn);
        if (previous != null && previous != conn) {
            call.conns.put(previous.legId, previous);
        }
    }

    /**
     * Folds {@code others} into {@code survivor} and gives it the switch's new call id, as the engine does for a
     * CallTransferred or CallConferenced.
     */
    void merge(BookCall survivor, List<BookCall> others, String newNativeId) {
        for (BookCall other : others) {
            if (other == survivor) {
                continue;
            }
            for (String alias : other.aliases) {
                survivor.aliases.add(alias);
                byAlias.put(alias, survivor);
            }
            for (Conn c : other.conns.values()) {
                c.call = survivor;
                String key = survivor.conns.containsKey(c.connectionDevice) ? c.legId : c.connectionDevice;
                survivor.conns.put(key, c);
            }
            survivor.joins.addAll(other.joins);
            if (survivor.uui.isEmpty()) {
                survivor.uui = other.uui;
            }
            if (survivor.ucid.isEmpty()) {
                survivor.ucid = other.ucid;
            }
        }
        survivor.nativeId = newNativeId;
        survivor.aliases.add(newNativeId);
        byAlias.put(newNativeId, survivor);
    }

    /** Forgets an ended call; later reports about it are recognized as duplicates. */
    void end(BookCall call) {
        for (String alias : call.aliases) {
            if (byAlias.get(alias) == call) {
                byAlias.remove(alias);
            }
            recentlyEnded.put(alias, Boolean.TRUE);
        }
        for (Conn c : call.conns.values()) {
            byLeg.remove(c.legId);
        }
    }
}

package io.callwire.recorder;

import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.model.Agent;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import io.callwire.core.model.Queue;
import io.callwire.recorder.wire.WireBuffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A byte-exact, canonical form of an engine snapshot: the same model always gives the same bytes, so two
 * replays (or a replay and a live engine) can be compared byte for byte. Covers engine time, link states,
 * calls (in start order, with aliases, data and legs), agents and queues (sorted by id). The snapshot's ring
 * sequence is left out: it depends on where the snapshot was taken, not on the model.
 */
public record CanonicalSnapshot(byte[] bytes) {
    public CanonicalSnapshot {
        bytes = bytes.clone();
    }

    /** The canonical form of {@code snapshot}. */
    public static CanonicalSnapshot of(EngineSnapshot snapshot) {
        WireBuffer out = new WireBuffer(4096);
        out.putByte(1);
        out.putSignedVarLong(snapshot.time());
        Map<String, ?> links = new TreeMap<>(snapshot.links());
        out.putVarLong(links.size());
        links.forEach((k, v) -> {
            out.putString(k);
            out.putString(v.toString());
        });
        out.putVarLong(snapshot.calls().size());
        for (Call c : snapshot.calls()) {
            out.putString(c.id());
            out.putString(c.switchId());
            out.putVarLong(c.aliases().size());
            c.aliases().forEach(out::putString);
            out.putString(c.parentCallId());
            out.putString(c.direction().name());
            out.putString(c.ani());
            out.putString(c.dnis());
            out.putString(c.queueId());
            out.putVarLong(c.data().size());
            c.data().forEach((k, v) -> {
                out.putString(k);
                out.putString(v);
            });
            out.putSignedVarLong(c.startedAt());
            out.putVarLong(c.legs().size());
            for (Leg l : c.legs()) {
                out.putString(l.id());
                out.putString(l.callId());
                out.putString(l.deviceId());
                out.putString(l.role().name());
                out.putString(l.state().name());
                out.putString(l.cause());
                out.putSignedVarLong(l.since());
            }
        }
        Map<String, Agent> agents = new TreeMap<>();
        snapshot.agents().forEach(a -> agents.put(a.id(), a));
        out.putVarLong(agents.size());
        for (Agent a : agents.values()) {
            out.putString(a.id());
            out.putString(a.switchId());
            out.putString(a.deviceId());
            out.putString(a.state().name());
            out.putString(a.reason());
            out.putSignedVarLong(a.since());
        }
        Map<String, Queue> queues = new TreeMap<>();
        snapshot.queues().forEach(q -> queues.put(q.id(), q));
        out.putVarLong(queues.size());
        for (Queue q : queues.values()) {
            out.putString(q.id());
            out.putString(q.switchId());
            out.putVarLong(q.waitingCallIds().size());
            q.waitingCallIds().forEach(out::putString);
            out.putSignedVarLong(q.oldestWaitingSince());
        }
        return new CanonicalSnapshot(Arrays.copyOf(out.array(), out.length()));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 of the canonical bytes, as hex: a short fingerprint of the whole model. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalSnapshot other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CanonicalSnapshot[" + bytes.length + " bytes, sha256=" + sha256() + "]";
    }
}

package io.callwire.core.event;

import java.util.Objects;

/**
 * Fields common to every event.
 *
 * @param sequence  position in the engine's ring, assigned on publication (0 before)
 * @param switchId  switch the event came from
 * @param timestamp switch time in epoch milliseconds (the switch's own clock when it reports one)
 * @param callId    library call id, empty when the event concerns no call
 * @param legId     native leg id, empty when the event concerns no leg
 * @param deviceId  device id, empty when the event concerns no device
 * @param synthetic true when the library made the event up, e.g. clears emitted during a resync
 * @param raw       the vendor's original event as text for debugging, {@code null} when not kept
 */
public record Envelope(long sequence, String switchId, long timestamp, String callId, String legId,
                       String deviceId, boolean synthetic, String raw) {

    public Envelope {
        Objects.requireNonNull(switchId, "switchId");
        callId = callId == null ? "" : callId;
        legId = legId == null ? "" : legId;
        deviceId = deviceId == null ? "" : deviceId;
    }

    /** An envelope for an event the switch reported, before the engine assigns its sequence. */
    public static Envelope of(String switchId, long timestamp, String callId, String legId, String deviceId) {
        return new Envelope(0, switchId, timestamp, callId, legId, deviceId, false, null);
    }

    public Envelope withSequence(long newSequence) {
        return new Envelope(newSequence, switchId, timestamp, callId, legId, deviceId, synthetic, raw);
    }

    public Envelope withCallId(String newCallId) {
        return new Envelope(sequence, switchId, timestamp, newCallId, legId, deviceId, synthetic, raw);
    }

    /** The same envelope marked as made up by the library rather than reported by the switch. */
    public Envelope asSynthetic() {
        return new Envelope(sequence, switchId, timestamp, callId, legId, deviceId, true, raw);
    }

    public Envelope withRaw(String vendorText) {
        return new Envelope(sequence, switchId, timestamp, callId, legId, deviceId, synthetic, vendorText);
    }
}

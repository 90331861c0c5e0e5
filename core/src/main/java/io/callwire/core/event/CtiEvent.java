package io.callwire.core.event;

/**
 * A normalized event. Adapters translate each vendor event once, at the edge, into one of these
 * records; everything after the adapter sees only this vocabulary.
 */
public sealed interface CtiEvent permits
        CallStarted, LegCreated, LegAlerting, CallQueued, LegConnected, LegHeld, LegRetrieved, LegFailed,
        LegCleared, CallEnded, CallDiverted, CallTransferred, CallConferenced, CallDataChanged, CallAliased,
        CallAbandoned,
        AgentStateChanged, DtmfReceived, RecordingStarted, RecordingStopped, LinkStateChanged, RawEvent, Tick,
        TaskQueued, AgentReserved, TaskAssigned, ReservationRejected, ReservationTimedOut, TaskOverflowed,
        TaskCompleted {

    /** The common fields: sequence, switch, time, call, leg, device, synthetic flag, raw payload. */
    Envelope envelope();

    /** A copy of this event with another envelope; the engine uses it to stamp the ring sequence. */
    CtiEvent withEnvelope(Envelope envelope);

    /** Ring sequence of the event. */
    default long sequence() { return envelope().sequence(); }

    /** Switch the event came from. */
    default String switchId() { return envelope().switchId(); }

    /** Switch time in epoch milliseconds. */
    default long timestamp() { return envelope().timestamp(); }

    /** Library call id, empty when none. */
    default String callId() { return envelope().callId(); }

    /** Native leg id, empty when none. */
    default String legId() { return envelope().legId(); }

    /** Device id, empty when none. */
    default String deviceId() { return envelope().deviceId(); }

    /** Whether the library made the event up (e.g. during a resync). */
    default boolean synthetic() { return envelope().synthetic(); }
}

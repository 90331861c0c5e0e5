package io.callwire.core.model;

/** A switch reported a leg state change that the leg state machine does not allow. */
public final class IllegalLegTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String callId;
    private final String legId;
    private final LegState from;
    private final LegState to;

    public IllegalLegTransitionException(String callId, String legId, LegState from, LegState to) {
        super("call " + callId + " leg " + legId + ": illegal transition " + from + " -> " + to);
        this.callId = callId;
        this.legId = legId;
        this.from = from;
        this.to = to;
    }

    public String callId() { return callId; }

    public String legId() { return legId; }

    public LegState from() { return from; }

    public LegState to() { return to; }
}

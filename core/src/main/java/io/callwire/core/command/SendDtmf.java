package io.callwire.core.command;

/** Send DTMF digits on the leg. */
public record SendDtmf(String callId, String legId, String digits) implements CallCommand {
    public SendDtmf {
        Require.id(callId, "callId");
        legId = Require.orEmpty(legId);
        Require.dtmf(digits);
    }
}

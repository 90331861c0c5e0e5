package io.callwire.core.command;

/** A command on an existing call, named by its library call id. */
public sealed interface CallCommand extends CtiCommand permits
        Answer, HangUp, Hold, Retrieve, BlindTransfer, Consult, CompleteTransfer, CancelConsult, Conference,
        Redirect, SendDtmf, StartRecording, StopRecording, Monitor, AttachData {

    /** Library call id the command acts on. */
    String callId();

    /** Leg the command acts on; empty when it acts on the call as a whole or lets the switch pick. */
    default String legId() {
        return "";
    }
}

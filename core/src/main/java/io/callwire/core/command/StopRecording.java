package io.callwire.core.command;

/** Stop recording the call. */
public record StopRecording(String callId) implements CallCommand {
    public StopRecording {
        Require.id(callId, "callId");
    }
}

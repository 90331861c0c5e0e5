package io.callwire.core.command;

/** Start recording the call; {@code location} is a file name or URI hint, empty to let the switch choose. */
public record StartRecording(String callId, String location) implements CallCommand {
    public StartRecording {
        Require.id(callId, "callId");
        location = Require.orEmpty(location);
    }
}

package io.callwire.recorder.recording;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiControl;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.StopRecording;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Recording on demand, for the host (agent desktop, supervisor): start, stop, and pause/resume around
 * sensitive moments such as a caller reading out a card number. Pause stops the switch's recording and resume
 * starts a new one for the same call, so the card number is never on tape; the {@link RecordingIndex} lists
 * both parts under the call. Thread-safe: it only sends commands through the engine.
 */
public final class RecordingControl {
    private final CtiControl engine;
    private final RecordingPolicy policy;

    public RecordingControl(CtiControl engine, RecordingPolicy policy) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Starts recording a call. */
    public CompletionStage<CommandResult> start(String callId) {
        return engine.execute(new StartRecording(callId, policy.locationFor(callId)));
    }

    /** Stops recording a call. */
    public CompletionStage<CommandResult> stop(String callId) {
        return engine.execute(new StopRecording(callId));
    }

    /** Pauses a call's recording (e.g. while a card number is read out). */
    public CompletionStage<CommandResult> pause(String callId) {
        return stop(callId);
    }

    /** Resumes a paused call's recording as a new part. */
    public CompletionStage<CommandResult> resume(String callId) {
        return start(callId);
    }
}

package io.callwire.core.event;

/** The switch started recording the call to {@code location}. */
public record RecordingStarted(Envelope envelope, String recordingId, String location) implements CtiEvent {
    @Override
    public RecordingStarted withEnvelope(Envelope e) {
        return new RecordingStarted(e, recordingId, location);
    }
}

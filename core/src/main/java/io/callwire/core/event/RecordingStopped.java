package io.callwire.core.event;

/** The switch stopped the recording {@code recordingId}. */
public record RecordingStopped(Envelope envelope, String recordingId) implements CtiEvent {
    @Override
    public RecordingStopped withEnvelope(Envelope e) {
        return new RecordingStopped(e, recordingId);
    }
}

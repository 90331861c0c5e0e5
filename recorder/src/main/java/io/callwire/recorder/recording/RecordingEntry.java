package io.callwire.recorder.recording;

import java.util.List;

/**
 * One recording the switch made of (part of) a call.
 *
 * @param recordingId the switch's recording id
 * @param callId      library call id
 * @param legIds      legs of the call while it was recorded
 * @param agentIds    agents whose station had a leg in the call while it was recorded
 * @param queueId     queue the call was in when the recording started, empty when none
 * @param ani         calling number (as stored: masked when the journal masks numbers)
 * @param dnis        dialled number
 * @param startedAt   switch time the recording started (epoch ms)
 * @param endedAt     switch time it stopped, 0 while it runs
 * @param location    where the switch stored it (file path or URL)
 * @param sizeBytes   size of the file when it was found on this host, -1 when unknown
 */
public record RecordingEntry(String recordingId, String callId, List<String> legIds, List<String> agentIds,
                             String queueId, String ani, String dnis, long startedAt, long endedAt, String location,
                             long sizeBytes) {
    public RecordingEntry {
        legIds = List.copyOf(legIds);
        agentIds = List.copyOf(agentIds);
    }

    /** Whether the recording still runs. */
    public boolean running() {
        return endedAt == 0;
    }

    /** Whether the recording overlaps [from, to). */
    public boolean overlaps(long from, long to) {
        return startedAt < to && (running() || endedAt >= from);
    }
}

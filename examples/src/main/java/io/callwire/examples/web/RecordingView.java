package io.callwire.examples.web;

/**
 * A call recording the switch reported.
 *
 * @param location  where the switch keeps it
 * @param stoppedAt engine time it stopped, 0 while it runs
 */
public record RecordingView(String recordingId, String callId, String agentId, String location, long startedAt, long stoppedAt) {
}

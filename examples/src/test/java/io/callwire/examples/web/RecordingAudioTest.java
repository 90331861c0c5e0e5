package io.callwire.examples.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A recording's location is looked up by file name inside the recordings directory, never outside it. */
class RecordingAudioTest {
    @Test
    void onlyFilesInsideTheDirectoryAreServed(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("recordings"));
        Files.writeString(tmp.resolve("secret.wav"), "outside");
        Files.writeString(dir.resolve("sim-7.wav"), "inside");
        assertEquals(Optional.of(dir.resolve("sim-7.wav")), RecordingAudio.file(dir, "/var/spool/asterisk/monitor/sim-7.wav"));
        assertEquals(Optional.empty(), RecordingAudio.file(dir, "../secret.wav"), "only the file name counts");
        assertEquals(Optional.empty(), RecordingAudio.file(dir, "..\\\\secret.wav"));
        assertEquals(Optional.empty(), RecordingAudio.file(dir, "missing.wav"));
        assertEquals(Optional.empty(), RecordingAudio.file(dir, ""));
        assertEquals(Optional.empty(), RecordingAudio.file(null, "sim-7.wav"));
        assertEquals("audio/wav", RecordingAudio.contentType(dir.resolve("sim-7.wav")));
    }
}

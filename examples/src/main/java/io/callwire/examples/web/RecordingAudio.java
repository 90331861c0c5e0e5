package io.callwire.examples.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The audio the app plays for a recording: the switch's file when the app can reach the directory the switch
 * records into ({@code serve --recordings DIR}, e.g. Asterisk's monitor directory mounted here), found by the
 * file name of the recording's location only, so no location can point outside that directory. Otherwise, and
 * always on the simulator, which records no sound, a placeholder of the recording's length (a quiet 440 Hz
 * tone, 8 kHz 16-bit mono WAV).
 */
final class RecordingAudio {
    private static final int RATE = 8_000;

    private RecordingAudio() {
    }

    /** The recording's file inside {@code directory}, when there is one. */
    static Optional<Path> file(Path directory, String location) {
        if (directory == null || location == null || location.isBlank()) {
            return Optional.empty();
        }
        Path name = Path.of(location.replace('\\', '/')).getFileName();
        if (name == null || name.toString().startsWith(".")) {
            return Optional.empty();
        }
        Path file = directory.resolve(name.toString()).normalize();
        return file.startsWith(directory.normalize()) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The content type of a recording file by its extension. */
    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".wav")) {
            return "audio/wav";
        } else if (name.endsWith(".mp3")) {
            return "audio/mpeg";
        } else if (name.endsWith(".ogg") || name.endsWith(".opus")) {
            return "audio/ogg";
        }
        return "application/octet-stream";
    }

    static byte[] placeholder(long millis) {
        int samples = (int) (RATE * millis / 1000);
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (2000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
        }
        return wav.array();
    }
}

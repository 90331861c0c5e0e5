package io.callwire.examples.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The audio the app plays for a recording. The simulator switch records no sound, so playback serves a
 * placeholder of the recording's length (a quiet 440 Hz tone, 8 kHz 16-bit mono WAV); with a real switch
 * the recording's location names the file on the switch or media server.
 */
final class RecordingAudio {
    private static final int RATE = 8_000;

    private RecordingAudio() {
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

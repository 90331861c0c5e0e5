package io.callwire.adapter.freeswitch;

import java.util.Map;

/**
 * One command to the switch: a line such as {@code api status} or {@code bgapi originate ...}, optional extra
 * headers (e.g. {@code Job-UUID}), ended by a blank line on the wire. {@code secret} marks a line that must never
 * be logged (the {@code auth} line).
 */
record EslCommand(String line, Map<String, String> headers, boolean secret) {

    EslCommand {
        headers = Map.copyOf(headers);
        checkNoLineBreak(line);
        headers.forEach((k, v) -> {
            checkNoLineBreak(k);
            checkNoLineBreak(v);
        });
    }

    static EslCommand of(String line) {
        return new EslCommand(line, Map.of(), false);
    }

    /**
     * Rejects text that would end the command early and smuggle a second one onto the socket.
     *
     * @throws IllegalArgumentException naming the problem (never the text of a secret)
     */
    static void checkNoLineBreak(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("ESL command argument contains a line break");
        }
    }

    /** The command as it may be logged: the auth line is masked. */
    @Override
    public String toString() {
        return secret ? "auth ***" : line;
    }
}

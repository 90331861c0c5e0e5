package io.callwire.examples.web;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where the agent app listens.
 *
 * @param bind address to bind, 127.0.0.1 unless told otherwise
 * @param port TCP port, 0 for any free one
 */
public record WebConfig(String bind, int port, Path recordings) {
    public WebConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
    }

    /** Without a recordings directory: playback serves a placeholder of each recording's length. */
    public WebConfig(String bind, int port) {
        this(bind, port, null);
    }

    /**
     * The Host header values the server answers to once bound to {@code actualPort} (guards against DNS
     * rebinding); pages and WebSockets must come from one of these origins.
     */
    Set<String> allowedHosts(int actualPort) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(bind + ":" + actualPort);
        hosts.add("127.0.0.1:" + actualPort);
        hosts.add("localhost:" + actualPort);
        return hosts;
    }
}

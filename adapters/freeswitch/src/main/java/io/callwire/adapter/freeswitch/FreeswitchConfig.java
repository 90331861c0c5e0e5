package io.callwire.adapter.freeswitch;

import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchUri;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one Event Socket connection, read from a URI such as
 * {@code freeswitch://:ClueCon@127.0.0.1:8021?id=fs1&format=json}. {@link #toString()} never shows the password.
 *
 * @param id              switch id on every event (default {@code host:port})
 * @param host            FreeSWITCH host
 * @param port            event socket port (default 8021)
 * @param password        event socket password ({@code event_socket.conf} {@code password}); never logged
 * @param format          {@code plain} or {@code json}: the event format subscribed to
 * @param maxFrameBytes   largest ESL frame (headers plus body) accepted; a larger one is a protocol error
 * @param minBackoff      first reconnect delay
 * @param maxBackoff      longest reconnect delay
 * @param connectTimeout  TCP connect timeout
 * @param idleTimeout     no byte from the switch for this long (HEARTBEAT comes every 20 s) drops the link
 * @param context         dialplan context for originate and transfers (default {@code default})
 * @param endpoint        dial string template for a device, {@code %s} is the device (default {@code user/%s})
 * @param recordDir       directory for recordings started without a location
 * @param dataPrefix      channel variable prefix that carries call data (default {@code cw_})
 * @param conference      {@code uuid_transfer} destination that puts a channel into a conference, {@code %s} is the
 *                        room name (default {@code conference:%s@default inline}; e.g. {@code %s XML conferences}
 *                        for a dialplan extension of your own)
 */
public record FreeswitchConfig(String id, String host, int port, String password, String format, int maxFrameBytes,
                               Duration minBackoff, Duration maxBackoff, Duration connectTimeout, Duration idleTimeout,
                               String context, String endpoint, String recordDir, String dataPrefix,
                               String conference) {

    /** The event socket's default port. */
    public static final int DEFAULT_PORT = 8021;
    private static final Set<String> KNOWN = Set.of("id", "format", "maxFrameBytes", "minBackoffMillis",
            "maxBackoffMillis", "connectTimeoutMillis", "idleTimeoutMillis", "context", "endpoint", "recordDir",
            "dataPrefix", "conference");

    public FreeswitchConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
        if (!format.equals("plain") && !format.equals("json")) {
            throw new IllegalArgumentException("format must be plain or json, got " + format);
        }
    }

    /**
     * Reads the settings from a {@code freeswitch://} URI.
     *
     * @throws InvalidSwitchUriException for an unknown parameter, a missing host or password, or a bad value
     */
    public static FreeswitchConfig from(SwitchUri uri) {
        for (String name : uri.params().keySet()) {
            if (!KNOWN.contains(name)) {
                throw new InvalidSwitchUriException("unknown parameter " + name + " in " + uri + "; known: "
                        + new java.util.TreeSet<>(KNOWN));
            }
        }
        if (uri.host().isEmpty()) {
            throw new InvalidSwitchUriException("switch URI " + uri + " names no host; expected freeswitch://:password@host:8021");
        }
        if (uri.secret().isEmpty()) {
            throw new InvalidSwitchUriException("switch URI " + uri + " has no password; expected freeswitch://:password@host:8021");
        }
        int port = uri.portOr(DEFAULT_PORT);
        String format = uri.param("format", "plain");
        if (!format.equals("plain") && !format.equals("json")) {
            throw new InvalidSwitchUriException("parameter format=" + format + " of " + uri + " must be plain or json");
        }
        int maxFrame = uri.intParam("maxFrameBytes", 16 * 1024 * 1024);
        if (maxFrame < 1024) {
            throw new InvalidSwitchUriException("parameter maxFrameBytes of " + uri + " must be at least 1024");
        }
        long minBackoff = positive(uri, "minBackoffMillis", 250);
        long maxBackoff = positive(uri, "maxBackoffMillis", 30_000);
        if (maxBackoff < minBackoff) {
            throw new InvalidSwitchUriException("maxBackoffMillis of " + uri + " is below minBackoffMillis");
        }
        String endpoint = uri.param("endpoint", "user/%s");
        if (!endpoint.contains("%s")) {
            throw new InvalidSwitchUriException("parameter endpoint of " + uri + " must contain %s for the device");
        }
        String conference = uri.param("conference", "conference:%s@default inline");
        try {
            if (!conference.contains("%s") || String.format(conference, "room").contains("%")) {
                throw new InvalidSwitchUriException("parameter conference of " + uri + " must contain %s for the room");
            }
        } catch (java.util.IllegalFormatException e) {
            throw new InvalidSwitchUriException("parameter conference of " + uri + " must contain %s for the room and"
                    + " no other format specifier: " + e.getMessage());
        }
        return new FreeswitchConfig(uri.param("id", uri.host() + ":" + port), uri.host(), port, uri.secret(), format,
                maxFrame, Duration.ofMillis(minBackoff), Duration.ofMillis(maxBackoff),
                Duration.ofMillis(positive(uri, "connectTimeoutMillis", 5_000)),
                Duration.ofMillis(positive(uri, "idleTimeoutMillis", 60_000)),
                uri.param("context", "default"), endpoint,
                uri.param("recordDir", "/var/lib/freeswitch/recordings"), uri.param("dataPrefix", "cw_"), conference);
    }

    private static long positive(SwitchUri uri, String name, long fallback) {
        long v = uri.longParam(name, fallback);
        if (v <= 0) {
            throw new InvalidSwitchUriException("parameter " + name + " of " + uri + " must be positive");
        }
        return v;
    }

    /** The settings with the password masked. */
    @Override
    public String toString() {
        return "FreeswitchConfig[id=" + id + ", host=" + host + ", port=" + port + ", password=***, format=" + format
                + ", maxFrameBytes=" + maxFrameBytes + ", backoff=" + minBackoff.toMillis() + ".."
                + maxBackoff.toMillis() + "ms, context=" + context + ", endpoint=" + endpoint + "]";
    }
}

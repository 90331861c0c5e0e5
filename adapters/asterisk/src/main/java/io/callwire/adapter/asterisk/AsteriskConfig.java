package io.callwire.adapter.asterisk;

import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchUri;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Settings of one AMI connection, read from {@code asterisk://user:secret@host:port?param=value}.
 *
 * <table>
 * <caption>URI parameters</caption>
 * <tr><td>{@code tls}</td><td>AMI over TLS (default false)</td></tr>
 * <tr><td>{@code id}</td><td>switch id (default {@code host:port})</td></tr>
 * <tr><td>{@code context}</td><td>dialplan context for make call, transfer and redirect (default {@code from-internal})</td></tr>
 * <tr><td>{@code tech}</td><td>channel technology put before a device without one (default {@code PJSIP})</td></tr>
 * <tr><td>{@code vars}</td><td>comma-separated channel variables reported as call data, besides {@code CALLWIRE_*}</td></tr>
 * <tr><td>{@code trunkContexts}</td><td>contexts whose callers are outside callers (default {@code from-trunk,from-pstn,from-external})</td></tr>
 * <tr><td>{@code pingMillis}</td><td>keep-alive Ping interval; a Ping unanswered for two intervals drops the link (default 10000)</td></tr>
 * <tr><td>{@code reconnectMinMillis}, {@code reconnectMaxMillis}</td><td>reconnect backoff bounds (default 500 and 30000)</td></tr>
 * <tr><td>{@code buffer}</td><td>events buffered between asterisk-java's thread and the translator (default 50000)</td></tr>
 * <tr><td>{@code timeoutMillis}</td><td>connect, login and resync timeout (default 10000)</td></tr>
 * <tr><td>{@code holdContext}</td><td>dialplan context with the extensions {@code held} and {@code music} that carry
 * out Hold and Retrieve (default none: Hold and Retrieve are unsupported)</td></tr>
 * <tr><td>{@code conferenceContext}</td><td>dialplan context whose extension {@code <room>} joins ConfBridge room
 * {@code <room>}; carries out Conference (default none: Conference is unsupported)</td></tr>
 * </table>
 *
 * <p>The secret is kept for the login only: {@link #toString()} masks it.
 */
public record AsteriskConfig(String id, String host, int port, String user, String secret, boolean tls,
                             String context, String tech, Set<String> variables, Set<String> trunkContexts,
                             long pingMillis, long reconnectMinMillis, long reconnectMaxMillis, int buffer,
                             long timeoutMillis, String holdContext, String conferenceContext) {

    /** The default AMI port. */
    public static final int DEFAULT_PORT = 5038;

    private static final Set<String> KNOWN = Set.of("tls", "id", "context", "tech", "vars", "trunkContexts",
            "pingMillis", "reconnectMinMillis", "reconnectMaxMillis", "buffer", "timeoutMillis", "holdContext",
            "conferenceContext");

    public AsteriskConfig {
        variables = Set.copyOf(variables);
        trunkContexts = Set.copyOf(trunkContexts);
    }

    /** Reads and checks the URI; unknown parameters and impossible values fail with {@link InvalidSwitchUriException}. */
    public static AsteriskConfig from(SwitchUri uri) {
        for (String name : uri.params().keySet()) {
            if (!KNOWN.contains(name)) {
                throw new InvalidSwitchUriException("unknown parameter " + name + " in " + uri + "; known: " + KNOWN);
            }
        }
        if (uri.host().isEmpty()) {
            throw new InvalidSwitchUriException("switch URI " + uri + " names no host");
        }
        if (uri.user().isEmpty()) {
            throw new InvalidSwitchUriException("switch URI " + uri + " names no AMI user (asterisk://user:secret@host)");
        }
        int port = uri.portOr(DEFAULT_PORT);
        long ping = positive(uri, "pingMillis", uri.longParam("pingMillis", 10_000));
        long min = positive(uri, "reconnectMinMillis", uri.longParam("reconnectMinMillis", 500));
        long max = positive(uri, "reconnectMaxMillis", uri.longParam("reconnectMaxMillis", 30_000));
        if (max < min) {
            throw new InvalidSwitchUriException("reconnectMaxMillis of " + uri + " is below reconnectMinMillis");
        }
        int buffer = (int) positive(uri, "buffer", uri.intParam("buffer", 50_000));
        long timeout = positive(uri, "timeoutMillis", uri.longParam("timeoutMillis", 10_000));
        return new AsteriskConfig(uri.param("id", uri.host() + ":" + port), uri.host(), port, uri.user(), uri.secret(),
                uri.boolParam("tls", false), uri.param("context", "from-internal"), uri.param("tech", "PJSIP"),
                list(uri.param("vars", "")), list(uri.param("trunkContexts", "from-trunk,from-pstn,from-external")),
                ping, min, max, buffer, timeout, uri.param("holdContext", "").trim(),
                uri.param("conferenceContext", "").trim());
    }

    private static long positive(SwitchUri uri, String name, long value) {
        if (value <= 0) {
            throw new InvalidSwitchUriException("parameter " + name + " of " + uri + " must be positive");
        }
        return value;
    }

    private static Set<String> list(String csv) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** The device as a dialable channel: {@code 1001} becomes {@code PJSIP/1001}, {@code SIP/7} stays. */
    String dialable(String device) {
        return device.contains("/") ? device : tech + "/" + device;
    }

    @Override
    public String toString() {
        return "asterisk://" + user + ":***@" + host + ":" + port + "?id=" + id + "&tls=" + tls;
    }
}

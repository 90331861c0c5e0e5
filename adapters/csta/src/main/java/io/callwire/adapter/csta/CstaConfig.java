package io.callwire.adapter.csta;

import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchUri;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of one CSTA connection, read from
 * {@code csta://user:password@host:port?devices=1001,1002,5000}. {@link #toString()} never shows the password.
 *
 * @param id                switch id of every event; {@code id=}, default {@code host:port}
 * @param host              switch (AES) host
 * @param port              switch port, default 4721 (the unencrypted XML port of Avaya AES)
 * @param user              session user name
 * @param password          session password; never logged
 * @param devices           devices to monitor: stations, ACD splits, VDN-like queue devices ({@code devices=}, required)
 * @param applicationId     application id sent with StartApplicationSession ({@code application=}, default callwire)
 * @param sessionSeconds    session duration asked for; keep-alives go out at a third of it ({@code sessionSeconds=}, 180)
 * @param requestMillis     time the switch has to answer a request ({@code requestTimeout=}, 5000 ms)
 * @param reconnectMillis   first delay before reconnecting, doubled per failure ({@code reconnect=}, 1000 ms)
 * @param maxReconnectMillis longest delay between reconnect attempts ({@code maxReconnect=}, 30000 ms)
 * @param frameMillis       longest time a started frame may stay incomplete before the link is dropped
 *                          ({@code frameTimeout=}, 10000 ms)
 * @param maxFrameLength    largest frame accepted or sent, header included ({@code maxFrame=}, 65535, 8..65535)
 * @param agentPollMillis   poll GetAgentState on {@code agentDevices} this often, 0 = never ({@code agentPoll=}, 0)
 * @param agentDevices      stations to poll for agent state ({@code agentDevices=}, default: every device)
 */
public record CstaConfig(String id, String host, int port, String user, String password, List<String> devices,
                         String applicationId, int sessionSeconds, long requestMillis, long reconnectMillis,
                         long maxReconnectMillis, long frameMillis, int maxFrameLength, long agentPollMillis,
                         List<String> agentDevices) {

    /** Port of the unencrypted XML interface of Avaya AES. */
    public static final int DEFAULT_PORT = 4721;
    private static final Set<String> KNOWN = Set.of("id", "devices", "application", "sessionSeconds",
            "requestTimeout", "reconnect", "maxReconnect", "frameTimeout", "maxFrame", "agentPoll", "agentDevices");

    public CstaConfig {
        devices = List.copyOf(devices);
        agentDevices = List.copyOf(agentDevices);
    }

    /**
     * Reads and checks the URI.
     *
     * @throws InvalidSwitchUriException on an unknown parameter, a missing device list or an out-of-range value
     */
    public static CstaConfig from(SwitchUri uri) {
        for (String key : uri.params().keySet()) {
            if (!KNOWN.contains(key)) {
                throw new InvalidSwitchUriException("unknown parameter " + key + " in " + uri + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(KNOWN)));
            }
        }
        if (uri.host().isEmpty()) {
            throw new InvalidSwitchUriException("csta URI " + uri + " names no host; expected csta://user:password@host:4721?devices=...");
        }
        List<String> devices = list(uri.param("devices", ""));
        if (devices.isEmpty()) {
            throw new InvalidSwitchUriException("csta URI " + uri + " names no devices to monitor (devices=1001,1002,...)");
        }
        int port = uri.portOr(DEFAULT_PORT);
        int session = (int) range(uri, "sessionSeconds", uri.intParam("sessionSeconds", 180), 3, 86_400);
        long request = range(uri, "requestTimeout", uri.longParam("requestTimeout", 5_000), 10, 600_000);
        long reconnect = range(uri, "reconnect", uri.longParam("reconnect", 1_000), 10, 600_000);
        long maxReconnect = range(uri, "maxReconnect", uri.longParam("maxReconnect", 30_000), reconnect, 3_600_000);
        long frame = range(uri, "frameTimeout", uri.longParam("frameTimeout", 10_000), 10, 600_000);
        int maxFrame = (int) range(uri, "maxFrame", uri.intParam("maxFrame", CstaFrame.MAX_FRAME_LENGTH), 64, CstaFrame.MAX_FRAME_LENGTH);
        long poll = range(uri, "agentPoll", uri.longParam("agentPoll", 0), 0, 3_600_000);
        List<String> agentDevices = list(uri.param("agentDevices", ""));
        return new CstaConfig(uri.param("id", uri.host() + ":" + port), uri.host(), port, uri.user(), uri.secret(),
                devices, uri.param("application", "callwire"), session, request, reconnect, maxReconnect, frame,
                maxFrame, poll, agentDevices.isEmpty() ? devices : agentDevices);
    }

    private static long range(SwitchUri uri, String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSwitchUriException("parameter " + name + "=" + value + " of " + uri + " must be "
                    + min + ".." + max);
        }
        return value;
    }

    private static List<String> list(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return new ArrayList<>(out);
    }

    /** The settings with the password masked. */
    @Override
    public String toString() {
        return "CstaConfig[id=" + id + ", " + user + (password.isEmpty() ? "" : ":***") + "@" + host + ":" + port
                + ", devices=" + devices + ", sessionSeconds=" + sessionSeconds + ", requestMillis=" + requestMillis
                + ", reconnectMillis=" + reconnectMillis + ".." + maxReconnectMillis + ", frameMillis=" + frameMillis
                + ", maxFrameLength=" + maxFrameLength + ", agentPollMillis=" + agentPollMillis
                + ", agentDevices=" + agentDevices + "]";
    }
}

package io.callwire.adapter.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Asterisk Manager Interface server on 127.0.0.1 for tests: it speaks the AMI text protocol (banner,
 * Challenge/MD5 and plain Login, responses carrying the ActionID, CoreShowChannels and QueueStatus lists) and
 * plays event transcripts from {@code src/test/resources/transcripts}. Test code steers its faults.
 */
final class AmiTestServer implements AutoCloseable {
    static final String BANNER = "Asterisk Call Manager/9.0.0";
    private static final String CHALLENGE = "840415273";

    private final String user;
    private final String secret;
    private final ServerSocket server;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final Map<String, String> rejections = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private volatile List<String> channels = List.of();
    private volatile List<String> queueStatus = List.of();
    private volatile List<String> deviceStates = List.of();
    private volatile boolean closed;

    AmiTestServer(String user, String secret) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "ami-test-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String uri(String params) {
        return "asterisk://" + user + ":" + secret + "@127.0.0.1:" + port() + (params.isEmpty() ? "" : "?" + params);
    }

    int logins() {
        return logins.get();
    }

    int failedLogins() {
        return failedLogins.get();
    }

    /** Actions received after login, in order, each as lower-case header names to values. */
    List<Map<String, String>> actions(String name) {
        return actions.stream().filter(a -> a.getOrDefault("action", "").equalsIgnoreCase(name)).toList();
    }

    /** Answers every later action of this name with an Error response carrying {@code message}. */
    void reject(String action, String message) {
        rejections.put(action.toLowerCase(Locale.ROOT), message);
    }

    /** The CoreShowChannel list bodies (without Event and ActionID) returned by CoreShowChannels. */
    void channels(List<String> bodies) {
        channels = List.copyOf(bodies);
    }

    /** The QueueStatus list (full event texts without ActionID). */
    void queueStatus(List<String> events) {
        queueStatus = List.copyOf(events);
    }

    /** The DeviceStateList answer: one {@code Device: ...\nState: ...} body per device. */
    void deviceStates(List<String> bodies) {
        deviceStates = List.copyOf(bodies);
    }

    /** Stops answering actions on the connections open now; the sockets stay open. */
    void mute() {
        for (Session s : sessions) {
            s.mute = true;
        }
    }

    /** Closes every client socket, like an Asterisk restart. */
    void dropAll() {
        for (Session s : sessions) {
            s.close();
        }
    }

    long clients() {
        return sessions.stream().filter(s -> s.loggedIn).count();
    }

    boolean hasClients() {
        return sessions.stream().anyMatch(s -> s.loggedIn);
    }

    /** Plays one section of a transcript (sections are separated by a line {@code --- checkpoint ---}). */
    void play(String transcript, int section) {
        send(sections(transcript).get(section));
    }

    /** Plays the whole transcript. */
    void play(String transcript) {
        for (String s : sections(transcript)) {
            send(s);
        }
    }

    /** Writes text to every logged-in client as it is, after turning line ends into CRLF. */
    void send(String text) {
        String wire = text.replace("\r\n", "\n").replace("\n", "\r\n");
        for (Session s : sessions) {
            if (s.loggedIn) {
                s.write(wire);
            }
        }
    }

    static List<String> sections(String transcript) {
        String text;
        try (InputStream in = AmiTestServer.class.getResourceAsStream("/transcripts/" + transcript)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + transcript);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        for (String section : text.split("\n--- checkpoint ---\n")) {
            StringBuilder b = new StringBuilder();
            for (String line : section.split("\n", -1)) {
                if (!line.startsWith("#")) {
                    b.append(line).append('\n');
                }
            }
            String body = b.toString().strip();
            out.add(body.isEmpty() ? "" : body + "\n\n");
        }
        return out;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Session s = new Session(socket);
                sessions.add(s);
                Thread t = new Thread(s::run, "ami-test-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
    }

    private final class Session {
        private final Socket socket;
        private final OutputStream out;
        volatile boolean loggedIn;
        volatile boolean mute;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                write(BANNER + "\r\n");
                Map<String, String> packet = new LinkedHashMap<>();
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (!packet.isEmpty()) {
                            handle(packet);
                            packet = new LinkedHashMap<>();
                        }
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        packet.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
            } catch (IOException e) {
                // client gone
            } finally {
                close();
            }
        }

        private void handle(Map<String, String> a) {
            if (mute) {
                return;
            }
            String action = a.getOrDefault("action", "").toLowerCase(Locale.ROOT);
            String id = a.containsKey("actionid") ? "ActionID: " + a.get("actionid") + "\r\n" : "";
            switch (action) {
                case "challenge" -> write("Response: Success\r\n" + id + "Challenge: " + CHALLENGE + "\r\n\r\n");
                case "login" -> login(a, id);
                case "logoff" -> {
                    write("Response: Goodbye\r\n" + id + "Message: Thanks for all the fish.\r\n\r\n");
                    close();
                }
                case "coresettings" -> write("Response: Success\r\n" + id + "AMIversion: 9.0.0\r\n"
                        + "AsteriskVersion: 20.5.2\r\nSystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\n"
                        + "CoreRunUser: asterisk\r\nCoreRunGroup: asterisk\r\nCoreMaxFilehandles: 0\r\n"
                        + "CoreRealTimeEnabled: No\r\nCoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\n\r\n");
                case "command" -> write("Response: Success\r\n" + id + "Message: Command output follows\r\n"
                        + "Output: Asterisk 20.5.2 built by root @ buildhost on a x86_64 running Linux on 2023-12-04 "
                        + "10:00:00 UTC\r\n\r\n");
                case "ping" -> write("Response: Success\r\n" + id + "Ping: Pong\r\nTimestamp: 1763900000.000000\r\n\r\n");
                default -> {
                    if (!loggedIn) {
                        write("Response: Error\r\n" + id + "Message: Permission denied\r\n\r\n");
                        return;
                    }
                    actions.add(Map.copyOf(a));
                    if (rejections.containsKey(action)) {
                        write("Response: Error\r\n" + id + "Message: " + rejections.get(action) + "\r\n\r\n");
                    } else if (action.equals("coreshowchannels")) {
                        list(id, "Channels will follow", channels.stream().map(b -> "Event: CoreShowChannel\r\n"
                                + id + b.strip().replace("\n", "\r\n") + "\r\n\r\n").toList(),
                                "CoreShowChannelsComplete");
                    } else if (action.equals("devicestatelist")) {
                        list(id, "Device State Changes will follow", deviceStates.stream().map(b -> "Event: DeviceStateChange\r\n"
                                + id + b.strip().replace("\n", "\r\n") + "\r\n\r\n").toList(), "DeviceStateListComplete");
                    } else if (action.equals("queuestatus")) {
                        list(id, "Queue status will follow", queueStatus.stream().map(e -> {
                            String[] lines = e.strip().split("\n", 2);
                            return lines[0] + "\r\n" + id + (lines.length > 1 ? lines[1].replace("\n", "\r\n") + "\r\n" : "")
                                    + "\r\n";
                        }).toList(), "QueueStatusComplete");
                    } else {
                        String message = switch (action) {
                            case "originate" -> "Originate successfully queued";
                            case "hangup" -> "Channel Hungup";
                            case "redirect" -> "Redirect successful";
                            case "queueadd" -> "Added interface to queue";
                            case "queueremove" -> "Removed interface from queue";
                            case "queuepause" -> "Interface paused successfully";
                            case "setvar" -> "Variable Set";
                            case "mixmonitor" -> "MixMonitor successfully started";
                            default -> "Success";
                        };
                        write("Response: Success\r\n" + id + "Message: " + message + "\r\n\r\n");
                    }
                }
            }
        }

        private void list(String id, String message, List<String> items, String complete) {
            StringBuilder b = new StringBuilder("Response: Success\r\n" + id + "EventList: start\r\nMessage: " + message
                    + "\r\n\r\n");
            items.forEach(b::append);
            b.append("Event: ").append(complete).append("\r\n").append(id).append("EventList: Complete\r\nListItems: ")
                    .append(items.size()).append("\r\n\r\n");
            write(b.toString());
        }

        private void login(Map<String, String> a, String id) {
            boolean ok;
            if ("md5".equalsIgnoreCase(a.get("authtype"))) {
                ok = user.equals(a.get("username")) && md5(CHALLENGE + secret).equals(a.get("key"));
            } else {
                ok = user.equals(a.get("username")) && secret.equals(a.get("secret"));
            }
            if (!ok) {
                failedLogins.incrementAndGet();
                write("Response: Error\r\n" + id + "Message: Authentication failed\r\n\r\n");
                close();
                return;
            }
            write("Response: Success\r\n" + id + "Message: Authentication accepted\r\n\r\n");
            write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 3600\r\nLastReload: 3600\r\n"
                    + "Status: Fully Booted\r\n\r\n");
            loggedIn = true;
            logins.incrementAndGet();
        }

        synchronized void write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            loggedIn = false;
            sessions.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Transcript text as events, field names as asterisk-java's reader gives them (lower case, no dashes). */
    static List<AmiEvent> parse(String text) {
        List<AmiEvent> out = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            Map<String, String> fields = new HashMap<>();
            String name = null;
            for (String line : block.strip().split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String key = line.substring(0, colon).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                String value = line.substring(colon + 1).trim();
                if (key.equals("event")) {
                    name = value;
                } else {
                    fields.put(key, value);
                }
            }
            if (name != null) {
                out.add(new AmiEvent(name, fields, 0));
            }
        }
        return out;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

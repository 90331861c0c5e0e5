package io.callwire.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callwire.core.command.MakeCall;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP and WebSocket API refuses what it must, with clear JSON errors, over real HTTP on 127.0.0.1. */
class ApiSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static AgentApp app;
    private static String base;

    /** A logged-in browser: its cookie and CSRF token. */
    private record Login(String cookie, String csrf) {
    }

    /** An answer: status and JSON body. */
    private record Answer(int status, JsonNode body) {
        String code() {
            return body.path("error").path("code").asText();
        }

        String message() {
            return body.path("error").path("message").asText();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        app = AgentApp.start(TestApps.settings(TestApps.SWITCH));
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Answer send(String method, String path, String body, Login login, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            request.header("Cookie", login.cookie());
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }

    private static Answer post(String path, String body, Login login) throws Exception {
        return send("POST", path, body, login, Map.of("X-CSRF-Token", login.csrf(), "Content-Type", "application/json"));
    }

    private static Answer get(String path, Login login) throws Exception {
        return send("GET", path, null, login, Map.of());
    }

    private static Login logIn(String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"callwire\"}")).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        return new Login(setCookie.substring(0, setCookie.indexOf(';')), JSON.readTree(response.body()).get("csrf").asText());
    }

    @Test
    void loginRefusesWrongPasswordsAndUnknownUsersAlike() throws Exception {
        Answer wrong = send("POST", "/api/login", "{\"user\":\"agent-01\",\"password\":\"nope\"}", null, Map.of());
        Answer unknown = send("POST", "/api/login", "{\"user\":\"mallory\",\"password\":\"callwire\"}", null, Map.of());
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals("bad_credentials", wrong.code());
        assertEquals(wrong.message(), unknown.message());
        Answer malformed = send("POST", "/api/login", "{\"user\":\"a b\",\"password\":\"x\"}", null, Map.of());
        assertEquals(400, malformed.status());
        assertTrue(malformed.message().contains("'user'"), malformed.message());
    }

    @Test
    void everyInputIsValidatedWithAClearError() throws Exception {
        Login agent = logIn("agent-01");
        assertEquals(401, get("/api/agent/desk", null).status());
        Answer noToken = send("POST", "/api/agent/state", "{\"state\":\"ready\"}", agent, Map.of());
        assertEquals(403, noToken.status());
        assertEquals("bad_csrf_token", noToken.code());
        Answer notJson = post("/api/agent/state", "{state:", agent);
        assertEquals(400, notJson.status());
        assertEquals("the request body is not valid JSON", notJson.message());
        Answer unknownField = post("/api/agent/state", "{\"state\":\"ready\",\"agentId\":\"agent-02\"}", agent);
        assertEquals(400, unknownField.status());
        assertTrue(unknownField.message().startsWith("unknown field 'agentId'"), unknownField.message());
        Answer badChoice = post("/api/agent/state", "{\"state\":\"asleep\"}", agent);
        assertEquals("field 'state' must be one of ready, not-ready", badChoice.message());
        Answer noReason = post("/api/agent/state", "{\"state\":\"not-ready\"}", agent);
        assertEquals("field 'reason' is required for not-ready", noReason.message());
        Answer badId = post("/api/agent/hangup", "{\"callId\":\"../../etc\"}", agent);
        assertEquals(400, badId.status());
        assertTrue(badId.message().startsWith("field 'callId' must match"), badId.message());
        Answer wrongType = post("/api/agent/dtmf", "{\"callId\":\"sim-1\",\"digits\":5}", agent);
        assertEquals("field 'digits' must be a string", wrongType.message());
        Answer badCategory = post("/api/agent/disposition", "{\"callId\":\"sim-1\",\"category\":\"gossip\",\"priority\":\"low\"}", agent);
        assertTrue(badCategory.message().startsWith("field 'category' must be one of repair, inquiry, complaint, help request"),
                badCategory.message());
        Answer unknownCall = post("/api/agent/answer", "{\"callId\":\"sim-999\"}", agent);
        assertEquals(404, unknownCall.status());
        assertEquals(404, get("/api/agent/nothing", agent).status());
        assertEquals(405, send("DELETE", "/api/agent/desk", null, agent, Map.of()).status());
    }

    @Test
    void anAgentControlsOnlyCallsAtItsOwnStation() throws Exception {
        Login agent = logIn("agent-01");
        // agent-01 stays NOT_READY in this class, so a follow-up call waits in its queue, at no station
        String callId = app.engine().execute(new MakeCall("", "+4930555000", "followup", Map.of()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).callId();
        await().atMost(Duration.ofSeconds(20)).until(() -> app.engine().awaitSnapshot(Duration.ofSeconds(5)).call(callId)
                .map(c -> c.legs().stream().anyMatch(l -> l.state() == LegState.QUEUED)).orElse(false));
        for (String action : new String[]{"hangup", "hold", "answer"}) {
            Answer refused = post("/api/agent/" + action, "{\"callId\":\"" + callId + "\"}", agent);
            assertEquals(403, refused.status(), action);
            assertEquals("call " + callId + " is not at your station", refused.message());
        }
        Answer transfer = post("/api/agent/transfer", "{\"callId\":\"" + callId + "\",\"destination\":\"1003\"}", agent);
        assertEquals(403, transfer.status());
        Answer wrapUp = post("/api/agent/disposition", "{\"callId\":\"" + callId + "\",\"category\":\"repair\",\"priority\":\"low\"}", agent);
        assertEquals(403, wrapUp.status());
        assertTrue(app.crm().orderOfCall(callId).isEmpty());
        assertTrue(app.engine().awaitSnapshot(Duration.ofSeconds(5)).call(callId).isPresent(), "the call is untouched");
    }

    @Test
    void supervisorsChangeAgentStatesAndMonitorCallsButAgentsCannot() throws Exception {
        Login supervisor = logIn("supervisor");
        Login agent = logIn("agent-01");
        assertEquals(403, post("/api/supervisor/agent-state", "{\"agentId\":\"agent-03\",\"state\":\"not-ready\"}", agent).status());
        Answer changed = post("/api/supervisor/agent-state", "{\"agentId\":\"agent-03\",\"state\":\"not-ready\",\"reason\":\"coaching\"}", supervisor);
        assertEquals(200, changed.status(), changed.body().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> app.engine().awaitSnapshot(Duration.ofSeconds(5)).agent("agent-03")
                .map(a -> a.state() == AgentState.NOT_READY && a.reason().equals("coaching")).orElse(false));
        assertEquals(200, post("/api/supervisor/agent-state", "{\"agentId\":\"agent-03\",\"state\":\"ready\"}", supervisor).status());
        assertEquals(404, post("/api/supervisor/agent-state", "{\"agentId\":\"agent-99\",\"state\":\"ready\"}", supervisor).status());

        // a call straight to station 1001, answered there by the test: it lasts until the test hangs up
        String callId = app.engine().execute(new MakeCall("", "+4930555111", "1001", Map.of()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).callId();
        String ringing = app.engine().awaitSnapshot(Duration.ofSeconds(5)).call(callId).orElseThrow().legs().stream()
                .filter(l -> l.deviceId().equals("1001")).findFirst().orElseThrow().id();
        app.engine().execute(new io.callwire.core.command.Answer(callId, ringing)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(403, post("/api/supervisor/monitor", "{\"callId\":\"" + callId + "\",\"mode\":\"barge\"}", agent).status());
        Answer listen = post("/api/supervisor/monitor", "{\"callId\":\"" + callId + "\",\"mode\":\"listen\"}", supervisor);
        assertEquals(200, listen.status(), listen.body().toString());
        assertEquals("listen", listen.body().get("detail").asText());
        Answer badMode = post("/api/supervisor/monitor", "{\"callId\":\"" + callId + "\",\"mode\":\"spy\"}", supervisor);
        assertEquals("field 'mode' must be one of listen, whisper, barge", badMode.message());
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/supervisor/recordings", supervisor).body()
                .get("recordings").findValuesAsText("callId").contains(callId));
        String recording = get("/api/supervisor/recordings", supervisor).body().get("recordings").get(0).get("id").asText();
        HttpResponse<byte[]> audio = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/supervisor/recordings/" + recording + "/audio"))
                .header("Cookie", supervisor.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, audio.statusCode());
        assertEquals("RIFF", new String(audio.body(), 0, 4, StandardCharsets.US_ASCII), "a placeholder without a file");
        byte[] real = "RIFF-recorded-by-the-switch".getBytes(StandardCharsets.US_ASCII);
        java.nio.file.Files.write(TestApps.RECORDINGS.resolve(callId + ".wav"), real);
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/supervisor/recordings/" + recording + "/audio"))
                .header("Cookie", supervisor.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertEquals("audio/wav", file.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(real, file.body(), "the switch's file from the recordings directory");
        assertEquals(403, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/supervisor/recordings/" + recording + "/audio"))
                .header("Cookie", agent.cookie()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        app.engine().execute(new io.callwire.core.command.HangUp(callId, "")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        Login agent = logIn("agent-01");
        assertEquals(200, get("/api/me", agent).status());
        assertEquals(200, post("/api/logout", "{}", agent).status());
        assertEquals(401, get("/api/me", agent).status());
    }

    @Test
    void foreignHostsAndOriginsAreRefused() throws Exception {
        Login agent = logIn("agent-01");
        assertTrue(rawRequest("GET / HTTP/1.1\r\nHost: evil.example:80\r\n\r\n").startsWith("HTTP/1.1 421"));
        Answer crossSite = send("POST", "/api/agent/state", "{\"state\":\"ready\"}", agent,
                Map.of("X-CSRF-Token", agent.csrf(), "Origin", "http://evil.example"));
        assertEquals(403, crossSite.status());
        assertEquals("bad_origin", crossSite.code());
    }

    @Test
    void theWebSocketNeedsASessionThisSitesOriginAndTheCsrfToken() throws Exception {
        Login agent = logIn("agent-01");
        String host = "127.0.0.1:" + app.port();
        assertTrue(handshake("/ws?csrf=" + agent.csrf(), "http://" + host, "").startsWith("HTTP/1.1 401"));
        assertTrue(handshake("/ws?csrf=" + agent.csrf(), "http://evil.example", agent.cookie()).startsWith("HTTP/1.1 403"));
        assertTrue(handshake("/ws?csrf=wrong", "http://" + host, agent.cookie()).startsWith("HTTP/1.1 403"));
        assertTrue(handshake("/ws", "http://" + host, agent.cookie()).startsWith("HTTP/1.1 403"));
        assertTrue(handshake("/ws?csrf=" + agent.csrf(), "http://" + host, agent.cookie()).startsWith("HTTP/1.1 101"));
    }

    private static String handshake(String path, String origin, String cookie) throws Exception {
        return rawRequest("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + app.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: " + origin + "\r\n" + (cookie.isEmpty() ? "" : "Cookie: " + cookie + "\r\n") + "\r\n");
    }

    /** Sends raw HTTP on a socket and returns the status line. */
    private static String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}

package io.callwire.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One logged-in agent desktop session against the app's HTTP API, as the browser holds it (cookie and CSRF token). */
class DeskSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String cookie;
    private final String csrf;

    /** Logs {@code user} in (password {@code callwire}) at {@code base}, e.g. {@code http://127.0.0.1:8080}. */
    DeskSession(String base, String user) throws Exception {
        this.base = base;
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"callwire\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        csrf = JSON.readTree(login.body()).get("csrf").asText();
    }

    /** POSTs to the agent API; returns {"status": code, "body": json}. */
    JsonNode post(String action, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/agent/" + action))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        var out = JSON.createObjectNode().put("status", response.statusCode());
        out.set("body", JSON.readTree(response.body()));
        return out;
    }

    /** POSTs to the agent API, asserts 200 and returns the answer's body. */
    JsonNode ok(String action, String body) throws Exception {
        JsonNode answer = post(action, body);
        assertEquals(200, answer.get("status").asInt(), action + ": " + answer);
        return answer.get("body");
    }

    /** The desktop's current view ({@code GET /api/agent/desk}). */
    JsonNode desk() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/agent/desk")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}

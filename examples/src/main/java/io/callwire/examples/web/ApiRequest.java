package io.callwire.examples.web;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API request, copied out of Netty's buffers so it can be handled off the event loop.
 *
 * @param session the caller's live session, empty when not logged in
 */
public record ApiRequest(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         String body, Optional<Session> session) {

    /** The logged-in session, or 401. */
    public Session requireSession() {
        return session.orElseThrow(() -> new ApiException(io.netty.handler.codec.http.HttpResponseStatus.UNAUTHORIZED,
                "not_logged_in", "log in first"));
    }

    /** A single query parameter, or the fallback. */
    public String param(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}

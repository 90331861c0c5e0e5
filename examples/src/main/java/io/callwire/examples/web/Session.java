package io.callwire.examples.web;

import java.time.Instant;

/**
 * A logged-in browser.
 *
 * @param id        the secret session cookie value
 * @param user      who logged in
 * @param csrfToken the token every state-changing request and the WebSocket handshake must carry
 * @param created   when the user logged in (sessions end at a fixed age whatever the activity)
 */
public record Session(String id, User user, String csrfToken, Instant created) {
    /** Without the secrets. */
    @Override
    public String toString() {
        return "Session[" + user.name() + ", since " + created + "]";
    }
}

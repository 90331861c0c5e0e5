package io.callwire.examples.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions by cookie value: random 256-bit ids, a separate random CSRF token, an idle timeout and a maximum
 * age. Expired sessions are removed when touched and by {@link #sweep()}.
 */
public final class SessionStore {
    private record Entry(Session session, Instant lastSeen) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Duration maxAge;
    private final Clock clock;

    /** Sessions ending after {@code idle} without requests or {@code maxAge} after login. */
    public SessionStore(Duration idle, Duration maxAge, Clock clock) {
        this.idle = idle;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Opens a session for a user who just authenticated. */
    public Session open(User user) {
        Instant now = clock.instant();
        Session session = new Session(token(), user, token(), now);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this cookie value, refreshed; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.replace(id, entry, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    /** Whether the session is still live (without refreshing it). */
    public boolean live(Session session) {
        Entry entry = sessions.get(session.id());
        return entry != null && !expired(entry, clock.instant());
    }

    /** Ends a session. */
    public void close(Session session) {
        sessions.remove(session.id());
    }

    /** Removes every expired session. */
    public void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> expired(e, now));
    }

    /** How long a session lives without requests. */
    public java.time.Duration idleTimeout() {
        return idle;
    }

    /** How long the cookie may live at most, in seconds. */
    public long cookieMaxAgeSeconds() {
        return maxAge.toSeconds();
    }

    /** Whether a presented CSRF token is the session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private boolean expired(Entry entry, Instant now) {
        return now.isAfter(entry.lastSeen().plus(idle)) || now.isAfter(entry.session().created().plus(maxAge));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

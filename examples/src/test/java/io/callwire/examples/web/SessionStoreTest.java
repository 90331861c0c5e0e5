package io.callwire.examples.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionStoreTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final User user = new User("agent-01", Role.AGENT, "agent-01", "1001", "pbkdf2-sha256$1000$x$y");

    @Test
    void sessionsExpireWhenIdleAndAtTheirMaximumAge() {
        TestClock clock = new TestClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(8), clock);
        Session session = store.open(user);
        assertNotEquals(session.id(), session.csrfToken());
        assertEquals(43, session.id().length(), "256 random bits, Base64url");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(session.id()).isPresent(), "a request refreshes the idle timer");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(session.id()).isPresent());
        clock.advance(Duration.ofMinutes(31));
        assertTrue(store.find(session.id()).isEmpty(), "idle too long");

        Session busy = store.open(user);
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertTrue(store.find(busy.id()).isPresent());
        }
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(busy.id()).isEmpty(), "older than 8 hours whatever the activity");
        assertTrue(store.find("").isEmpty());
        assertTrue(store.find("unknown").isEmpty());
    }

    @Test
    void csrfTokensAreComparedExactly() {
        Session session = new SessionStore(Duration.ofMinutes(1), Duration.ofMinutes(2), Clock.systemUTC()).open(user);
        assertTrue(SessionStore.csrfMatches(session, session.csrfToken()));
        assertFalse(SessionStore.csrfMatches(session, session.csrfToken() + "x"));
        assertFalse(SessionStore.csrfMatches(session, null));
        assertFalse(session.toString().contains(session.id()));
        assertFalse(session.toString().contains(session.csrfToken()));
    }

    @Test
    void passwordsAreSaltedPbkdf2Hashes() {
        PasswordHasher hasher = new PasswordHasher(1_000);
        String a = hasher.hash("secret".toCharArray());
        String b = hasher.hash("secret".toCharArray());
        assertNotEquals(a, b, "a new salt each time");
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(PasswordHasher.matches("secret".toCharArray(), a));
        assertFalse(PasswordHasher.matches("Secret".toCharArray(), a));
        assertFalse(PasswordHasher.matches("secret".toCharArray(), "md5$abc"));
        assertFalse(user.toString().contains("pbkdf2"));
        UserDirectory users = new UserDirectory(java.util.List.of(new User("u", Role.SUPERVISOR, "", "2001", a)));
        assertTrue(users.authenticate("u", "secret".toCharArray()).isPresent());
        assertTrue(users.authenticate("u", "wrong".toCharArray()).isEmpty());
        assertTrue(users.authenticate("nobody", "secret".toCharArray()).isEmpty());
    }
}

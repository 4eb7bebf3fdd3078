package org.netra.app.web.security;

import java.nio.charset.StandardCharsets;
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
 * Sessions in memory: 256-bit random ids, ended after {@code idle} without a request or {@code maximum}
 * after they began. (One server per department; a cluster would keep them in the database.)
 */
public final class SessionStore {
    private static final int MAX_SESSIONS = 50_000;

    private final Duration idle;
    private final Duration maximum;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();

    public SessionStore(Duration idle, Duration maximum, Clock clock) {
        this.idle = idle;
        this.maximum = maximum;
        this.clock = clock;
    }

    /** A new session, anonymous ({@code username} null) or signed in. */
    public WebSession open(String username) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                // drop anonymous sessions first: a flood of sign-in pages must not sign real users out
                sessions.values().removeIf(s -> !s.signedIn());
            }
        }
        var s = new WebSession(token(), token(), username, now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, touched; expired ones are removed. */
    public Optional<WebSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        WebSession s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        WebSession touched = s.seenAt(now);
        sessions.replace(id, s, touched);
        return Optional.of(touched);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (when disabled or their role changes). */
    public void closeAllOf(String username) {
        sessions.values().removeIf(s -> username.equals(s.username()));
    }

    public Duration idle() {
        return idle;
    }

    /** Compares a CSRF token from a request with the session's in constant time. */
    public static boolean csrfMatches(WebSession session, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        session.csrfToken().getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean expired(WebSession s, Instant now) {
        return s.lastSeen().plus(idle).isBefore(now)
                || s.created().plus(maximum).isBefore(now);
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

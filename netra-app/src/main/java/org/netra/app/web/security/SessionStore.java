package org.netra.app.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.netra.store.signin.SessionRows;

/**
 * Sessions in the database, so that any node of a department serves any request: 256-bit random ids,
 * stored only as their SHA-256, ended after {@code idle} without a request or {@code maximum} after they
 * began. The last request's time is written at most once a minute (a write per request would cost more
 * than the session is worth), so the idle timeout holds to within a minute.
 */
public final class SessionStore {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

    private final SessionRows rows;
    private final Duration idle;
    private final Duration maximum;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Instant nextPrune = Instant.MIN;

    public SessionStore(SessionRows rows, Duration idle, Duration maximum, Clock clock) {
        this.rows = rows;
        this.idle = idle;
        this.maximum = maximum;
        this.clock = clock;
    }

    /** A new session, anonymous ({@code username} null) or signed in. */
    public WebSession open(String username) {
        Instant now = clock.instant();
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            rows.deleteExpired(now.minus(idle), now.minus(maximum));
        }
        var s = new WebSession(token(), token(), username, now, now);
        rows.insert(new SessionRows.Row(Accounts.sha256(s.id()), s.csrfToken(), username, now, now));
        return s;
    }

    /** The live session with this id, touched; expired ones are removed. */
    public Optional<WebSession> find(String id) {
        return findWithAccount(id).map(SessionAndAccount::session);
    }

    /**
     * A live session and the stored version of its user's account (empty when anonymous or the account is gone),
     * read together in one query.
     */
    public record SessionAndAccount(WebSession session, Optional<SessionRows.AccountVersion> account) {}

    /** {@link #find}, with the version of the session's account from the same query. */
    public Optional<SessionAndAccount> findWithAccount(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = Accounts.sha256(id);
        var found = rows.findWithAccount(key, UserAccount.KIND.name());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var r = found.get().session();
        var s = new WebSession(id, r.csrfToken(), r.username(), r.created(), r.lastSeen());
        if (expired(s, now)) {
            rows.delete(key);
            return Optional.empty();
        }
        if (r.lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            rows.touch(key, now);
        }
        return Optional.of(new SessionAndAccount(s.seenAt(now), found.get().account()));
    }

    public void close(String id) {
        if (id != null) {
            rows.delete(Accounts.sha256(id));
        }
    }

    /** Ends every session of a user (disabled, password reset, role changed), on every node. */
    public void closeAllOf(String username) {
        rows.deleteAllOf(username);
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

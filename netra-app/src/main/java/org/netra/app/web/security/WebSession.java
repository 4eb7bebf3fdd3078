package org.netra.app.web.security;

import java.time.Instant;

/**
 * One browser's session: a random id (the cookie), its CSRF token, and the user once signed in.
 * Immutable; signing in makes a new session with a new id, so an id seen before sign-in is worthless after.
 */
public record WebSession(String id, String csrfToken, String username, Instant created, Instant lastSeen) {
    public boolean signedIn() {
        return username != null;
    }

    WebSession seenAt(Instant now) {
        return new WebSession(id, csrfToken, username, created, now);
    }
}

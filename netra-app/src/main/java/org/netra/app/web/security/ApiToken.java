package org.netra.app.web.security;

import java.time.Instant;
import org.netra.store.record.RecordKind;

/**
 * A bearer token for the JSON API, stored as the SHA-256 of the token (a 256-bit random secret needs
 * no slow hash): the token itself is shown once, when issued.
 */
public record ApiToken(String sha256, String username, Instant issuedAt) {
    public static final RecordKind<ApiToken> KIND =
            new RecordKind<>("api_token", ApiToken.class, ApiToken::sha256, t -> null, ApiToken::username);
}

package org.netra.app.web.security;

import org.netra.store.record.RecordKind;

/**
 * A user's password as an Argon2id hash, apart from the account so listing users never loads hashes;
 * the audit page shows that it changed, never its content.
 */
public record Credential(String username, String passwordHash) {
    public static final RecordKind<Credential> KIND =
            new RecordKind<>("user_credential", Credential.class, Credential::username, c -> null, c -> null);
}

package org.netra.app.web.security;

import org.netra.store.record.RecordKind;

/** A person who signs in to netra: kept in the store, so every change to it is audit-trailed. */
public record UserAccount(String username, String fullName, Role role, boolean enabled) {
    public static final RecordKind<UserAccount> KIND = new RecordKind<>(
            "user_account", UserAccount.class, UserAccount::username, u -> null, UserAccount::fullName);

    public boolean can(Permission permission) {
        return enabled && role.grants(permission);
    }
}

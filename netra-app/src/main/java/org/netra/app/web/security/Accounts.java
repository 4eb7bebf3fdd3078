package org.netra.app.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.app.web.input.FieldErrors;
import org.netra.store.Store;
import org.netra.store.record.RecordNotFoundException;
import org.netra.store.record.RecordTransaction;
import org.netra.store.record.Stored;

/**
 * The user accounts, their passwords and API tokens, kept as store records: each change is one
 * audit-trailed transaction naming who made it.
 */
public final class Accounts {
    /** Lower-case letters, digits, dot, dash, underscore; starts with a letter. */
    public static final String USERNAME_RULE = "[a-z][a-z0-9._-]{1,31}";

    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 128;
    private static final String TOKEN_PREFIX = "netra_";

    private final Store store;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();

    public Accounts(Store store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    /** What the admin form (or API) asks for a new account. */
    public record NewAccount(String username, String fullName, String role, String password) {}

    public UserAccount create(NewAccount input, String actor) {
        String username = normalise(input.username());
        var errors = new FieldErrors()
                .check(
                        username.matches(USERNAME_RULE),
                        "username",
                        "2–32 characters: lower-case letters, digits, '.', '-' or '_', starting with a letter")
                .check(
                        store.records().find(UserAccount.KIND, username).isEmpty(),
                        "username",
                        "a user named " + username + " already exists")
                .check(
                        input.fullName() != null
                                && !input.fullName().isBlank()
                                && input.fullName().length() <= 120,
                        "fullName",
                        "the person's name, 1–120 characters")
                .check(isRole(input.role()), "role", "choose physician, physicist, nurse, radiopharmacist or admin");
        checkPassword(errors, input.password(), username);
        errors.throwIfAny();
        var account = new UserAccount(username, input.fullName().strip(), Role.parse(input.role()), true);
        // the hash takes about half a second: made before the transaction, so the account and its password
        // are written together and a crash never leaves an account that cannot sign in
        var credential = new Credential(username, hasher.hash(input.password()));
        store.records().useTransaction(tx -> {
            tx.create(UserAccount.KIND, account, actor);
            tx.create(Credential.KIND, credential, actor);
        });
        return account;
    }

    /** The enabled account whose password this is; unknown names cost the same time as wrong passwords. */
    public Optional<UserAccount> authenticate(String username, String password) {
        String name = normalise(username);
        var account = store.records().find(UserAccount.KIND, name).map(Stored::value);
        var credential = store.records().find(Credential.KIND, name).map(Stored::value);
        if (account.isEmpty() || credential.isEmpty()) {
            hasher.spendVerificationTime(password == null ? "" : password);
            return Optional.empty();
        }
        boolean ok =
                hasher.verify(password == null ? "" : password, credential.get().passwordHash());
        return ok && account.get().enabled() ? account : Optional.empty();
    }

    public Optional<UserAccount> find(String username) {
        return store.records().find(UserAccount.KIND, normalise(username)).map(Stored::value);
    }

    /**
     * The accounts this node read last, each with the stored version it was read at. A department has tens of
     * accounts, never deleted: the map stays that small.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Stored<UserAccount>> kept =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The account of a session whose query just read its stored {@code version}: the kept account if it is that
     * version, else read again. So a role change or disabling made on any node counts from the next request here,
     * without a second query per request for the unchanged account.
     */
    public Optional<UserAccount> find(String username, org.netra.store.signin.SessionRows.AccountVersion version) {
        String name = normalise(username);
        var k = kept.get(name);
        if (k != null && k.version() == version.version() && k.updatedAt().equals(version.updatedAt())) {
            return Optional.of(k.value());
        }
        var stored = store.records().find(UserAccount.KIND, name);
        stored.ifPresentOrElse(s -> kept.put(name, s), () -> kept.remove(name));
        return stored.map(Stored::value);
    }

    public List<UserAccount> list() {
        return store.records().list(UserAccount.KIND).stream()
                .map(Stored::value)
                .toList();
    }

    public boolean isEmpty() {
        return store.records().list(UserAccount.KIND).isEmpty();
    }

    /**
     * Gives the account another role and revokes its API tokens in the same transaction (the caller ends
     * its sessions): what was granted under the old role does not outlive it.
     */
    public UserAccount setRole(String username, String role, String actor) {
        new FieldErrors()
                .check(isRole(role), "role", "choose physician, physicist, nurse, radiopharmacist or admin")
                .throwIfAny();
        String name = normalise(username);
        return store.records().inTransaction(tx -> {
            var current = tx.find(UserAccount.KIND, name).orElseThrow(() -> unknown(name));
            var a = current.value();
            var next = new UserAccount(a.username(), a.fullName(), Role.parse(role), a.enabled());
            tx.update(UserAccount.KIND, current.version(), next, actor);
            revokeTokens(tx, name, actor);
            return next;
        });
    }

    public UserAccount setEnabled(String username, boolean enabled, String actor) {
        new FieldErrors()
                .check(enabled || !normalise(username).equals(actor), "enabled", "you cannot disable your own account")
                .throwIfAny();
        return change(username, a -> new UserAccount(a.username(), a.fullName(), a.role(), enabled), actor);
    }

    /**
     * Sets a new password (an admin's reset) and revokes the user's API tokens in the same transaction; the
     * caller ends the user's sessions. The hash is made before the transaction opens.
     */
    public UserAccount setPassword(String username, String password, String actor) {
        String name = normalise(username);
        var errors = new FieldErrors();
        checkPassword(errors, password, name);
        errors.throwIfAny();
        var account = find(name).orElseThrow(() -> unknown(name));
        var credential = new Credential(name, hasher.hash(password));
        store.records().useTransaction(tx -> {
            var current = tx.find(Credential.KIND, name).orElseThrow(() -> unknown(name));
            tx.update(Credential.KIND, current.version(), credential, actor);
            revokeTokens(tx, name, actor);
        });
        return account;
    }

    private static void revokeTokens(RecordTransaction tx, String username, String actor) {
        for (var t : tx.list(ApiToken.KIND)) {
            if (t.value().username().equals(username)) {
                tx.delete(ApiToken.KIND, t.value().sha256(), t.version(), actor);
            }
        }
    }

    private static RecordNotFoundException unknown(String username) {
        return new RecordNotFoundException(UserAccount.KIND.name(), username);
    }

    /** A new API token for {@code username}; the returned text is the only copy of it. */
    public String issueToken(String username, String actor) {
        var account = find(username).orElseThrow(() -> new IllegalArgumentException("no user named " + username));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store.records().create(ApiToken.KIND, new ApiToken(sha256(token), account.username(), Instant.now()), actor);
        return token;
    }

    /** The enabled account a bearer token belongs to. */
    public Optional<UserAccount> byToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return store.records()
                .find(ApiToken.KIND, sha256(token))
                .flatMap(t -> find(t.value().username()))
                .filter(UserAccount::enabled);
    }

    private UserAccount change(String username, java.util.function.UnaryOperator<UserAccount> edit, String actor) {
        var current = store.records().get(UserAccount.KIND, normalise(username));
        var next = edit.apply(current.value());
        store.records().update(UserAccount.KIND, current.version(), next, actor);
        return next;
    }

    private static void checkPassword(FieldErrors errors, String password, String username) {
        errors.check(
                        password != null && password.length() >= MIN_PASSWORD && password.length() <= MAX_PASSWORD,
                        "password",
                        "at least " + MIN_PASSWORD + " and at most " + MAX_PASSWORD + " characters")
                .check(
                        password == null
                                || username.isEmpty()
                                || !password.toLowerCase(Locale.ROOT).contains(username),
                        "password",
                        "must not contain the user name");
    }

    private static boolean isRole(String role) {
        try {
            Role.parse(role);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** Hex SHA-256: how API tokens and session ids are kept (256-bit random secrets need no slow hash). */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

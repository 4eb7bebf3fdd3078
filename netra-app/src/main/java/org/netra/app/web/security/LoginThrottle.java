package org.netra.app.web.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.netra.app.config.LoginPolicy;
import org.netra.store.signin.SignInFailures;

/**
 * Slows password guessing: after {@code maxFailures} wrong passwords within {@code window} for one user
 * name, or from one address, sign-in for that name or address is refused until {@code lockout} has
 * passed since the last failure, even with the right password. The counts are in the database, so every
 * node of a department counts the same failures.
 */
public final class LoginThrottle {
    private final LoginPolicy policy;
    private final Clock clock;
    private final SignInFailures failures;

    public LoginThrottle(LoginPolicy policy, Clock clock, SignInFailures failures) {
        this.policy = policy;
        this.clock = clock;
        this.failures = failures;
    }

    /** When sign-in for this user name or address is allowed again, if it is throttled now. */
    public Optional<Instant> throttledUntil(String username, String address) {
        return failures.lockedUntil(keys(username, address), clock.instant());
    }

    /** Counts a wrong password; the failure that reaches the limit starts the lockout. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        failures.failed(
                keys(username, address),
                now,
                now.minus(policy.window()),
                policy.maxFailures(),
                now.plus(policy.lockout()));
    }

    /** A right password clears the user name's count; the address keeps its count until the window passes. */
    public void succeeded(String username) {
        failures.clear(userKey(username));
    }

    public LoginPolicy policy() {
        return policy;
    }

    private static String userKey(String username) {
        return "user:" + Accounts.normalise(username);
    }

    private static List<String> keys(String username, String address) {
        // bounded: a key is a column of 200 characters, and user names over 64 are refused before this
        String user = userKey(username);
        String ip = "ip:" + address;
        return List.of(
                user.length() > 200 ? user.substring(0, 200) : user, ip.length() > 200 ? ip.substring(0, 200) : ip);
    }
}

package org.netra.app.web.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.netra.app.config.LoginPolicy;

/**
 * Slows password guessing: after {@code maxFailures} wrong passwords within {@code window} for one user
 * name, or from one address, sign-in for that name or address is refused until {@code lockout} has
 * passed since the last failure, even with the right password.
 */
public final class LoginThrottle {
    // bounds the memory an attacker can make us spend by trying many names from many addresses
    private static final int MAX_KEYS = 100_000;

    private final LoginPolicy policy;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    /** Recent failures of one user name or address, and until when it is locked. */
    private static final class Attempts {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(LoginPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** When sign-in for this user name or address is allowed again, if it is throttled now. */
    public Optional<Instant> throttledUntil(String username, String address) {
        Instant now = clock.instant();
        Instant until = null;
        for (String key : keys(username, address)) {
            Attempts a = attempts.get(key);
            if (a == null) {
                continue;
            }
            synchronized (a) {
                if (a.lockedUntil.isAfter(now) && (until == null || a.lockedUntil.isAfter(until))) {
                    until = a.lockedUntil;
                }
            }
        }
        return Optional.ofNullable(until);
    }

    /** Counts a wrong password; the failure that reaches the limit starts the lockout. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (attempts.size() > MAX_KEYS) {
            attempts.values().removeIf(a -> {
                synchronized (a) {
                    prune(a, now);
                    return a.failures.isEmpty() && !a.lockedUntil.isAfter(now);
                }
            });
        }
        for (String key : keys(username, address)) {
            Attempts a = attempts.computeIfAbsent(key, k -> new Attempts());
            synchronized (a) {
                prune(a, now);
                a.failures.addLast(now);
                if (a.failures.size() >= policy.maxFailures()) {
                    a.lockedUntil = now.plus(policy.lockout());
                    a.failures.clear();
                }
            }
        }
    }

    /** A right password clears the user name's count; the address keeps its count until the window passes. */
    public void succeeded(String username) {
        attempts.remove(key("user:", Accounts.normalise(username)));
    }

    public LoginPolicy policy() {
        return policy;
    }

    private void prune(Attempts a, Instant now) {
        Instant horizon = now.minus(policy.window());
        while (!a.failures.isEmpty() && !a.failures.peekFirst().isAfter(horizon)) {
            a.failures.pollFirst();
        }
    }

    private static String key(String prefix, String value) {
        return prefix + value;
    }

    private static String[] keys(String username, String address) {
        return new String[] {key("user:", Accounts.normalise(username)), key("ip:", address)};
    }
}

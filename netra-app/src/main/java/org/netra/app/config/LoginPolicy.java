package org.netra.app.config;

import java.time.Duration;

/**
 * Sign-in throttling: after {@code maxFailures} wrong passwords within {@code window} for one user name
 * or from one address, sign-in for it is refused for {@code lockout}. The defaults (5, 15 min, 15 min)
 * follow OWASP's Authentication Cheat Sheet advice of a few attempts, then a delay.
 */
public record LoginPolicy(int maxFailures, Duration window, Duration lockout) {
    public LoginPolicy {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative()) {
            throw new IllegalArgumentException("login throttling needs max failures >= 1 and positive durations, got "
                    + maxFailures + ", " + window + ", " + lockout);
        }
    }
}

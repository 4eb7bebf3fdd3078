package org.netra.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netra.app.config.LoginPolicy;
import org.netra.store.Store;
import org.netra.store.StoreConfig;

/** The throttle on a real (in-memory H2) database, where every node keeps its counts. */
class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Store store = Store.open(StoreConfig.inMemory("throttle-" + java.util.UUID.randomUUID()));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(10)), clock, store.signInFailures());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFifthFailureWithinTheWindowLocksForTheLockout() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("nurse", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.throttledUntil("nurse", "10.0.0.9")).isEmpty();
        throttle.failed("nurse", "10.0.0.1");
        Instant until = clock.now.plus(Duration.ofMinutes(10));
        assertThat(throttle.throttledUntil("nurse", "10.0.0.9")).contains(until); // the user, from anywhere
        assertThat(throttle.throttledUntil("someone", "10.0.0.1")).contains(until); // the address, for anyone
        assertThat(throttle.throttledUntil("someone", "10.0.0.9")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.throttledUntil("nurse", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("nurse", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("nurse", "10.0.0.1");
        assertThat(throttle.throttledUntil("nurse", "10.0.0.1")).isEmpty();
    }

    @Test
    void aRightPasswordClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("nurse", "10.0.0.1");
        }
        throttle.succeeded("NURSE");
        throttle.failed("nurse", "10.0.0.2");
        assertThat(throttle.throttledUntil("nurse", "10.0.0.2")).isEmpty();
        throttle.failed("other", "10.0.0.1");
        assertThat(throttle.throttledUntil("x", "10.0.0.1")).isPresent();
    }
}

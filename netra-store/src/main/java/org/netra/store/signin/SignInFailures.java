package org.netra.store.signin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Wrong passwords and pauses per throttle key, shared by every node; the web app sets the policy. */
public final class SignInFailures {
    private final Jdbi jdbi;

    public SignInFailures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The latest pause of any of {@code keys} that lasts beyond {@code now}. */
    public Optional<Instant> lockedUntil(Collection<String> keys, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MAX(locked_until) FROM sign_in_lock"
                        + " WHERE throttle_key IN (<keys>) AND locked_until > :now")
                .bindList("keys", List.copyOf(keys))
                .bind("now", SessionRows.at(now))
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
                .findOne()
                .map(OffsetDateTime::toInstant));
    }

    /**
     * Records a failure for each key at {@code now}; a key with {@code maxFailures} failures since
     * {@code windowStart} is paused until {@code lockUntil} and its count starts again. One transaction.
     */
    public void failed(Collection<String> keys, Instant now, Instant windowStart, int maxFailures, Instant lockUntil) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM sign_in_failure WHERE at <= :start")
                    .bind("start", SessionRows.at(windowStart))
                    .execute();
            for (String key : keys) {
                h.createUpdate("INSERT INTO sign_in_failure (throttle_key, at) VALUES (:key, :at)")
                        .bind("key", key)
                        .bind("at", SessionRows.at(now))
                        .execute();
                int n = h.createQuery("SELECT COUNT(*) FROM sign_in_failure WHERE throttle_key = :key")
                        .bind("key", key)
                        .mapTo(Integer.class)
                        .one();
                if (n >= maxFailures) {
                    h.createUpdate("DELETE FROM sign_in_lock WHERE throttle_key = :key")
                            .bind("key", key)
                            .execute();
                    h.createUpdate("INSERT INTO sign_in_lock (throttle_key, locked_until) VALUES (:key, :until)")
                            .bind("key", key)
                            .bind("until", SessionRows.at(lockUntil))
                            .execute();
                    h.createUpdate("DELETE FROM sign_in_failure WHERE throttle_key = :key")
                            .bind("key", key)
                            .execute();
                }
            }
            h.createUpdate("DELETE FROM sign_in_lock WHERE locked_until <= :now")
                    .bind("now", SessionRows.at(now))
                    .execute();
        });
    }

    /** Forgets the failures of one key (a right password clears its user name's count). */
    public void clear(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failure WHERE throttle_key = :key")
                .bind("key", key)
                .execute());
    }
}

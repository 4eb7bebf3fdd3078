package org.netra.store.signin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The web sessions of every node, in the database. Rows are keyed by the SHA-256 of the session id (the
 * caller hashes); the web app decides what a session means.
 */
public final class SessionRows {
    private final Jdbi jdbi;

    public SessionRows(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One stored session. */
    public record Row(String idHash, String csrfToken, String username, Instant created, Instant lastSeen) {}

    public void insert(Row r) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO web_session (id_hash, csrf_token, username, created_at,"
                        + " last_seen) VALUES (:id, :csrf, :user, :created, :seen)")
                .bind("id", r.idHash())
                .bind("csrf", r.csrfToken())
                .bind("user", r.username())
                .bind("created", at(r.created()))
                .bind("seen", at(r.lastSeen()))
                .execute());
    }

    public Optional<Row> find(String idHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id_hash, csrf_token, username, created_at, last_seen"
                        + " FROM web_session WHERE id_hash = :id")
                .bind("id", idHash)
                .map((rs, ctx) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .findOne());
    }

    public void touch(String idHash, Instant seen) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE web_session SET last_seen = :seen WHERE id_hash = :id")
                .bind("seen", at(seen))
                .bind("id", idHash)
                .execute());
    }

    public void delete(String idHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM web_session WHERE id_hash = :id")
                .bind("id", idHash)
                .execute());
    }

    public void deleteAllOf(String username) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM web_session WHERE username = :user")
                .bind("user", username)
                .execute());
    }

    /** Deletes sessions idle since before {@code seenBefore} or begun before {@code createdBefore}. */
    public int deleteExpired(Instant seenBefore, Instant createdBefore) {
        return jdbi.withHandle(
                h -> h.createUpdate("DELETE FROM web_session WHERE last_seen < :seen OR created_at < :created")
                        .bind("seen", at(seenBefore))
                        .bind("created", at(createdBefore))
                        .execute());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM web_session")
                .mapTo(Long.class)
                .one());
    }

    static OffsetDateTime at(Instant t) {
        // microseconds: what both H2 and PostgreSQL keep
        return OffsetDateTime.ofInstant(t.minusNanos(t.getNano() % 1000), ZoneOffset.UTC);
    }
}

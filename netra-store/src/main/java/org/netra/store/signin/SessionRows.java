package org.netra.store.signin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The web sessions of every node, in the database. Rows are keyed by the SHA-256 of the session id (the
 * caller hashes); the web app decides what a session means.
 */
public final class SessionRows {
    private static final String FIND_WITH_ACCOUNT = "SELECT s.id_hash, s.csrf_token, s.username, s.created_at,"
            + " s.last_seen, r.version, r.updated_at FROM web_session s LEFT JOIN clinical_record r"
            + " ON r.kind = ? AND r.id = s.username WHERE s.id_hash = ?";

    private final Jdbi jdbi;
    /** The pool under {@code jdbi}: the one read every request makes goes to it directly (see findWithAccount). */
    private final DataSource pool;

    public SessionRows(Jdbi jdbi, DataSource pool) {
        this.jdbi = jdbi;
        this.pool = pool;
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
                .map((rs, ctx) -> row(rs))
                .findOne());
    }

    /**
     * Which stored version of a user's record a session belongs to: its version and when it was written (a database
     * restored under a running node can bring back a version number, not also its time).
     */
    public record AccountVersion(int version, Instant updatedAt) {}

    /**
     * A stored session with the version of its user's record (empty for an anonymous session or a user whose record
     * is gone): what a node needs to tell whether the account it keeps is still the one stored.
     */
    public record SessionAndAccount(Row session, Optional<AccountVersion> account) {}

    /**
     * {@link #find} and the version of the session's user record of {@code accountKind} (a clinical record kept by
     * the caller), in one query: every request of a signed-in user needs both, and a second round trip per request
     * was a tenth of a node's CPU under load (issue 17).
     */
    public Optional<SessionAndAccount> findWithAccount(String idHash, String accountKind) {
        // plain JDBC on the pool, the statement prepared by the driver (PostgreSQL's server-side after a few uses
        // per connection): every request of every user makes this read, and a Jdbi handle per call (its
        // configuration copied, a statement context, a row mapper) is overhead on all of them (issue 17)
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(FIND_WITH_ACCOUNT)) {
            st.setString(1, accountKind);
            st.setString(2, idHash);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var updated = rs.getObject(7, OffsetDateTime.class);
                return Optional.of(new SessionAndAccount(
                        row(rs),
                        updated == null
                                ? Optional.empty()
                                : Optional.of(new AccountVersion(rs.getInt(6), updated.toInstant()))));
            }
        } catch (SQLException e) {
            throw new org.netra.store.StoreException("cannot read web session rows: " + e.getMessage(), e);
        }
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getObject(5, OffsetDateTime.class).toInstant());
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

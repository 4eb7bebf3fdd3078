package org.netra.store.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads the append-only audit trail; only {@code Records} writes to it, inside each change. */
public final class AuditTrail {
    private final Jdbi jdbi;

    public AuditTrail(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every change to one record, oldest first. */
    public List<AuditEvent> history(String kind, String recordId) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM audit_event WHERE kind = :kind AND record_id = :id ORDER BY seq")
                        .bind("kind", kind)
                        .bind("id", recordId)
                        .map(AuditTrail::read)
                        .list());
    }

    /** Every change after {@code seq} (0 for all), oldest first. */
    public List<AuditEvent> since(long seq) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_event WHERE seq > :seq ORDER BY seq")
                .bind("seq", seq)
                .map(AuditTrail::read)
                .list());
    }

    /**
     * How many changes after {@code floor} are visible, and the last one's number: a cheap test of whether the
     * trail grew since an earlier mark with the same floor. The count is what catches a transaction that took
     * its sequence number before another but committed after it (the last number alone would not move).
     */
    public Mark mark(long floor) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS last FROM audit_event WHERE seq > :floor")
                .bind("floor", floor)
                .map((rs, ctx) -> new Mark(floor, rs.getLong("n"), rs.getLong("last")))
                .one());
    }

    /** {@link #mark}'s answer: {@code count} changes after {@code floor}, the last numbered {@code last}. */
    public record Mark(long floor, long count, long last) {}

    static AuditEvent read(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditEvent(
                rs.getLong("seq"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                AuditEvent.Action.valueOf(rs.getString("action")),
                rs.getString("kind"),
                rs.getString("record_id"),
                rs.getInt("version"),
                rs.getString("before_doc"),
                rs.getString("after_doc"));
    }
}

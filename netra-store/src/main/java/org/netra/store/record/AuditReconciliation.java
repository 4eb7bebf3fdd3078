package org.netra.store.record;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * After an embedded (H2) database was killed, makes the audit trail true again for the writes that were in flight.
 *
 * <p>Why: H2 writes the transaction's changes and its undo log to the file as they happen, and on the next open
 * rolls back what was not committed. A transaction cut off by SIGKILL can come back with part of its changes
 * rolled back and part kept (H2 keeps a changed entry whose undo entry did not reach the file: its pull request
 * #1222, "leftovers"). Measured here: {@code H2ServeCrashTest} once found the audit event of an account that a
 * killed {@code netra serve} was creating (never acknowledged) without the account. Nothing acknowledged was lost,
 * but the trail said "CREATE" of a record that does not exist. PostgreSQL's recovery is all or nothing.
 *
 * <p>What: on opening, every record whose last audit event does not describe it (audited as existing but missing,
 * or at another version) gets one {@code RECOVER} event stating what the store holds: the audited document
 * before, the stored one after ({@code null} where the record is missing). Nothing is deleted from the trail.
 */
public final class AuditReconciliation {
    static final String ACTOR = "netra (crash recovery)";

    private AuditReconciliation() {}

    private record Mismatch(
            String kind, String id, int auditedVersion, String auditedDoc, Integer version, String doc) {}

    /** Appends a RECOVER event for each record its trail misdescribes; returns how many. One transaction. */
    public static int reconcile(Jdbi jdbi) {
        return jdbi.inTransaction(h -> {
            List<Mismatch> mismatches = h.createQuery(
                            "SELECT a.kind, a.record_id, a.version, a.after_doc, r.version AS rv, r.doc AS rdoc"
                                    + " FROM audit_event a"
                                    + " JOIN (SELECT kind, record_id, MAX(seq) AS last FROM audit_event"
                                    + " WHERE action <> 'SIGN' GROUP BY kind, record_id) m ON a.seq = m.last"
                                    + " LEFT JOIN clinical_record r ON r.kind = a.kind AND r.id = a.record_id"
                                    + " WHERE (r.id IS NULL AND a.action NOT IN ('DELETE', 'RECOVER'))"
                                    + " OR (r.id IS NULL AND a.action = 'RECOVER' AND a.after_doc IS NOT NULL)"
                                    + " OR (r.id IS NOT NULL AND (a.version <> r.version OR a.after_doc IS NULL))")
                    .map((rs, ctx) -> new Mismatch(
                            rs.getString("kind"),
                            rs.getString("record_id"),
                            rs.getInt("version"),
                            rs.getString("after_doc"),
                            (Integer) rs.getObject("rv"),
                            rs.getString("rdoc")))
                    .list();
            var now = Records.now();
            for (var m : mismatches) {
                Records.audit(
                        h,
                        now,
                        ACTOR,
                        "RECOVER",
                        m.kind(),
                        m.id(),
                        m.version() == null ? m.auditedVersion() : m.version(),
                        m.auditedDoc(),
                        m.doc());
            }
            return mismatches.size();
        });
    }
}

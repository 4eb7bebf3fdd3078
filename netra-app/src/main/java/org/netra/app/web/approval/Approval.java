package org.netra.app.web.approval;

import java.time.Instant;
import org.netra.store.record.RecordKind;

/**
 * A sign-off: a physicist approving a cycle's dosimetry, or a physician approving a cycle. Kept as a
 * store record (audit-trailed); the dosimetry and cycle pages will show and create them.
 */
public record Approval(String subjectId, String approvedBy, Instant approvedAt, String note) {
    public static final RecordKind<Approval> DOSIMETRY = new RecordKind<>(
            "dosimetry_approval", Approval.class, Approval::subjectId, a -> null, Approval::approvedBy);
    public static final RecordKind<Approval> CYCLE =
            new RecordKind<>("cycle_approval", Approval.class, Approval::subjectId, a -> null, Approval::approvedBy);
}

package org.netra.store.audit;

import java.time.Instant;

/** One change to clinical data: who made it, when, to what, and the record before and after (JSON). */
public record AuditEvent(
        long seq,
        Instant at,
        String actor,
        Action action,
        String kind,
        String recordId,
        int version,
        String before,
        String after) {

    public enum Action {
        CREATE,
        UPDATE,
        DELETE,
        /** A physicist signed a version of a report (the signed PDF is immutable from then on). */
        SIGN,
        /**
         * After an unclean stop of the embedded database, what the store holds of a record whose last event
         * described a write that did not survive ({@code org.netra.store.record.AuditReconciliation}).
         */
        RECOVER
    }
}

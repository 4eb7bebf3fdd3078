package org.netra.store.record;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.netra.store.StoreException;

/**
 * The record changes of one transaction ({@link Records#inTransaction}): each create, update and delete
 * appends its own audit event, and all of them are committed together when the work returns, or rolled
 * back together when it throws. Reads see the transaction's own changes.
 */
public final class RecordTransaction {
    private final Handle h;
    private final Documents documents;
    /** The scopes (ChangeStamps) whose records this transaction changed: their stamps are renewed before it commits. */
    private final java.util.SortedSet<String> changedScopes = new java.util.TreeSet<>();

    RecordTransaction(Handle h, Documents documents) {
        this.h = h;
        this.documents = documents;
    }

    public <T> Stored<T> create(RecordKind<T> kind, T value, String actor) {
        Records.requireActor(actor);
        String id = kind.id().apply(value);
        String doc = documents.write(value);
        OffsetDateTime now = Records.now();
        boolean exists = h.createQuery("SELECT COUNT(*) FROM clinical_record WHERE kind = :kind AND id = :id")
                        .bind("kind", kind.name())
                        .bind("id", id)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (exists) {
            throw new StoreException(kind.name() + " " + id + " already exists; update it instead");
        }
        h.createUpdate("INSERT INTO clinical_record (kind, id, patient_id, label, version, doc, created_at,"
                        + " updated_at, updated_by) VALUES (:kind, :id, :patient, :label, 1, :doc, :now, :now, :actor)")
                .bind("kind", kind.name())
                .bind("id", id)
                .bind("patient", kind.patientId().apply(value))
                .bind("label", kind.label().apply(value))
                .bind("doc", doc)
                .bind("now", now)
                .bind("actor", actor)
                .execute();
        Records.audit(h, now, actor, "CREATE", kind.name(), id, 1, null, doc);
        changed(kind, kind.patientId().apply(value));
        return new Stored<>(value, 1, now.toInstant(), actor);
    }

    /** Replaces version {@code expectedVersion} of the record with {@code value}. */
    public <T> Stored<T> update(RecordKind<T> kind, int expectedVersion, T value, String actor) {
        Records.requireActor(actor);
        String id = kind.id().apply(value);
        String doc = documents.write(value);
        OffsetDateTime now = Records.now();
        Records.Row before =
                Records.row(h, kind.name(), id).orElseThrow(() -> new RecordNotFoundException(kind.name(), id));
        int updated = h.createUpdate("UPDATE clinical_record SET doc = :doc, patient_id = :patient, label = :label,"
                        + " version = version + 1, updated_at = :now, updated_by = :actor"
                        + " WHERE kind = :kind AND id = :id AND version = :expected")
                .bind("doc", doc)
                .bind("patient", kind.patientId().apply(value))
                .bind("label", kind.label().apply(value))
                .bind("now", now)
                .bind("actor", actor)
                .bind("kind", kind.name())
                .bind("id", id)
                .bind("expected", expectedVersion)
                .execute();
        if (updated == 0) {
            Records.Row current = Records.row(h, kind.name(), id).orElse(before);
            throw new ConcurrentEditException(kind.name(), id, expectedVersion, current.version(), current.updatedBy());
        }
        Records.audit(h, now, actor, "UPDATE", kind.name(), id, expectedVersion + 1, before.doc(), doc);
        changed(kind, before.patientId());
        changed(kind, kind.patientId().apply(value)); // a record moved to another patient changes both
        return new Stored<>(value, expectedVersion + 1, now.toInstant(), actor);
    }

    public <T> void delete(RecordKind<T> kind, String id, int expectedVersion, String actor) {
        Records.requireActor(actor);
        OffsetDateTime now = Records.now();
        Records.Row before =
                Records.row(h, kind.name(), id).orElseThrow(() -> new RecordNotFoundException(kind.name(), id));
        int deleted = h.createUpdate(
                        "DELETE FROM clinical_record WHERE kind = :kind AND id = :id AND version = :expected")
                .bind("kind", kind.name())
                .bind("id", id)
                .bind("expected", expectedVersion)
                .execute();
        if (deleted == 0) {
            throw new ConcurrentEditException(kind.name(), id, expectedVersion, before.version(), before.updatedBy());
        }
        Records.audit(h, now, actor, "DELETE", kind.name(), id, expectedVersion, before.doc(), null);
        changed(kind, before.patientId());
    }

    private void changed(RecordKind<?> kind, String patientId) {
        changedScopes.add(ChangeStamps.kind(kind));
        if (patientId != null) {
            changedScopes.add(ChangeStamps.patient(patientId));
        }
    }

    java.util.SortedSet<String> changedScopes() {
        return changedScopes;
    }

    /** The record as this transaction sees it (its own changes included). */
    public <T> Optional<Stored<T>> find(RecordKind<T> kind, String id) {
        return Records.row(h, kind.name(), id).map(r -> r.as(kind, documents));
    }

    /** Every record of a kind, as this transaction sees them, by label. */
    public <T> List<Stored<T>> list(RecordKind<T> kind) {
        return h
                .createQuery(
                        "SELECT " + Records.Row.COLUMNS + " FROM clinical_record WHERE kind = :kind ORDER BY label, id")
                .bind("kind", kind.name())
                .map(Records.Row::read)
                .list()
                .stream()
                .map(r -> r.as(kind, documents))
                .toList();
    }

    /** Creates the record, or replaces whatever version is stored (for records derived from another). */
    public <T> Stored<T> put(RecordKind<T> kind, T value, String actor) {
        return find(kind, kind.id().apply(value))
                .map(s -> update(kind, s.version(), value, actor))
                .orElseGet(() -> create(kind, value, actor));
    }
}

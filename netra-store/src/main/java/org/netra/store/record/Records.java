package org.netra.store.record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.netra.store.StoreException;

/**
 * Create, read, update and delete clinical records. Every change is one transaction that also appends
 * to the audit trail (who, when, what, before → after); an update names the version it replaces, so
 * two people editing one record never silently overwrite each other.
 */
public final class Records {
    private final Jdbi jdbi;
    private final Documents documents;

    public Records(Jdbi jdbi, Documents documents) {
        this.jdbi = jdbi;
        this.documents = documents;
    }

    public <T> Stored<T> create(RecordKind<T> kind, T value, String actor) {
        requireActor(actor);
        OffsetDateTime now = now();
        return jdbi.inTransaction(h -> createIn(h, kind, value, actor, now));
    }

    /** Replaces version {@code expectedVersion} of the record with {@code value}. */
    public <T> Stored<T> update(RecordKind<T> kind, int expectedVersion, T value, String actor) {
        requireActor(actor);
        OffsetDateTime now = now();
        return jdbi.inTransaction(h -> updateIn(h, kind, expectedVersion, value, actor, now));
    }

    public <T> void delete(RecordKind<T> kind, String id, int expectedVersion, String actor) {
        requireActor(actor);
        OffsetDateTime now = now();
        jdbi.useTransaction(h -> deleteIn(h, kind, id, expectedVersion, actor, now));
    }

    /**
     * Several changes as one transaction (one user action that touches several records, e.g. an approval
     * and its room booking, or a stay moved to another day): all are stored and audited, or none.
     */
    public void inOneTransaction(List<Change> changes, String actor) {
        requireActor(actor);
        OffsetDateTime now = now();
        jdbi.useTransaction(h -> {
            for (Change c : changes) {
                switch (c) {
                    case Change.Create<?> create -> create.createIn(h, this, actor, now);
                    case Change.Update<?> update -> update.updateIn(h, this, actor, now);
                    case Change.Delete<?> delete ->
                        deleteIn(h, delete.kind(), delete.id(), delete.expectedVersion(), actor, now);
                }
            }
        });
    }

    <T> Stored<T> createIn(Handle h, RecordKind<T> kind, T value, String actor, OffsetDateTime now) {
        String id = kind.id().apply(value);
        String doc = documents.write(value);
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
        audit(h, now, actor, "CREATE", kind.name(), id, 1, null, doc);
        return new Stored<>(value, 1, now.toInstant(), actor);
    }

    <T> Stored<T> updateIn(
            Handle h, RecordKind<T> kind, int expectedVersion, T value, String actor, OffsetDateTime now) {
        String id = kind.id().apply(value);
        String doc = documents.write(value);
        Row before = row(h, kind.name(), id).orElseThrow(() -> new RecordNotFoundException(kind.name(), id));
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
            Row current = row(h, kind.name(), id).orElse(before);
            throw new ConcurrentEditException(kind.name(), id, expectedVersion, current.version(), current.updatedBy());
        }
        audit(h, now, actor, "UPDATE", kind.name(), id, expectedVersion + 1, before.doc(), doc);
        return new Stored<>(value, expectedVersion + 1, now.toInstant(), actor);
    }

    private static <T> void deleteIn(
            Handle h, RecordKind<T> kind, String id, int expectedVersion, String actor, OffsetDateTime now) {
        Row before = row(h, kind.name(), id).orElseThrow(() -> new RecordNotFoundException(kind.name(), id));
        int deleted = h.createUpdate(
                        "DELETE FROM clinical_record WHERE kind = :kind AND id = :id AND version = :expected")
                .bind("kind", kind.name())
                .bind("id", id)
                .bind("expected", expectedVersion)
                .execute();
        if (deleted == 0) {
            throw new ConcurrentEditException(kind.name(), id, expectedVersion, before.version(), before.updatedBy());
        }
        audit(h, now, actor, "DELETE", kind.name(), id, expectedVersion, before.doc(), null);
    }

    public <T> Optional<Stored<T>> find(RecordKind<T> kind, String id) {
        return jdbi.withHandle(h -> row(h, kind.name(), id).map(r -> r.as(kind, documents)));
    }

    public <T> Stored<T> get(RecordKind<T> kind, String id) {
        return find(kind, id).orElseThrow(() -> new RecordNotFoundException(kind.name(), id));
    }

    /** All records of a kind, by label. */
    public <T> List<Stored<T>> list(RecordKind<T> kind) {
        return jdbi
                .withHandle(h -> h.createQuery(
                                "SELECT " + Row.COLUMNS + " FROM clinical_record WHERE kind = :kind ORDER BY label, id")
                        .bind("kind", kind.name())
                        .map(Row::read)
                        .list())
                .stream()
                .map(r -> r.as(kind, documents))
                .toList();
    }

    /** The records of a kind that belong to one patient. */
    public <T> List<Stored<T>> forPatient(RecordKind<T> kind, String patientId) {
        return jdbi
                .withHandle(h -> h.createQuery("SELECT " + Row.COLUMNS
                                + " FROM clinical_record WHERE kind = :kind AND patient_id = :patient ORDER BY id")
                        .bind("kind", kind.name())
                        .bind("patient", patientId)
                        .map(Row::read)
                        .list())
                .stream()
                .map(r -> r.as(kind, documents))
                .toList();
    }

    /**
     * Every record of the given kinds that belongs to one patient, read by one statement: a consistent
     * snapshot even while others edit, in one round trip.
     */
    public PatientRecords forPatient(String patientId, List<RecordKind<?>> kinds) {
        Map<String, RecordKind<?>> byName = new HashMap<>();
        kinds.forEach(k -> byName.put(k.name(), k));
        List<KindRow> rows = jdbi.withHandle(h -> h.createQuery("SELECT kind, " + Row.COLUMNS
                        + " FROM clinical_record WHERE patient_id = :patient AND kind IN (<kinds>) ORDER BY kind, id")
                .bind("patient", patientId)
                .bindList("kinds", List.copyOf(byName.keySet()))
                .map((rs, ctx) -> new KindRow(rs.getString("kind"), Row.read(rs, ctx)))
                .list());
        Map<String, List<Stored<?>>> out = new HashMap<>();
        for (KindRow r : rows) {
            out.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.row().as(byName.get(r.kind()), documents));
        }
        return new PatientRecords(patientId, out);
    }

    private record KindRow(String kind, Row row) {}

    private static Optional<Row> row(Handle h, String kind, String id) {
        return h.createQuery("SELECT " + Row.COLUMNS + " FROM clinical_record WHERE kind = :kind AND id = :id")
                .bind("kind", kind)
                .bind("id", id)
                .map(Row::read)
                .findOne();
    }

    private static void audit(
            Handle h,
            OffsetDateTime at,
            String actor,
            String action,
            String kind,
            String id,
            int version,
            String before,
            String after) {
        h.createUpdate("INSERT INTO audit_event (at, actor, action, kind, record_id, version, before_doc, after_doc)"
                        + " VALUES (:at, :actor, :action, :kind, :id, :version, :before, :after)")
                .bind("at", at)
                .bind("actor", actor)
                .bind("action", action)
                .bind("kind", kind)
                .bind("id", id)
                .bind("version", version)
                .bind("before", before)
                .bind("after", after)
                .execute();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("every change to clinical data needs the name of who makes it");
        }
    }

    private static OffsetDateTime now() {
        // microseconds: what both H2 and PostgreSQL keep, so a value reads back as written
        Instant t = Instant.now();
        return OffsetDateTime.ofInstant(t.minusNanos(t.getNano() % 1000), ZoneOffset.UTC);
    }

    private record Row(String doc, int version, Instant updatedAt, String updatedBy) {
        static final String COLUMNS = "doc, version, updated_at, updated_by";

        static Row read(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new Row(
                    rs.getString("doc"),
                    rs.getInt("version"),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                    rs.getString("updated_by"));
        }

        <T> Stored<T> as(RecordKind<T> kind, Documents documents) {
            return new Stored<>(documents.read(doc, kind.type()), version, updatedAt, updatedBy);
        }
    }
}

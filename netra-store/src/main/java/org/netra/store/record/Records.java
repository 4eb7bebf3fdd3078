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

/**
 * Create, read, update and delete clinical records. Every change appends to the audit trail (who, when,
 * what, before → after) in the same transaction; a single create, update or delete is a transaction of its
 * own, several that make one user action share one ({@link #inTransaction}). An update names the version it
 * replaces, so two people editing one record never silently overwrite each other.
 */
public final class Records {
    private final Jdbi jdbi;
    private final Documents documents;

    public Records(Jdbi jdbi, Documents documents) {
        this.jdbi = jdbi;
        this.documents = documents;
    }

    /**
     * Runs {@code work} in one transaction: every create, update and delete it makes on {@code tx} is kept
     * together with its audit events, or none is (one user action, one transaction). Compute slow things
     * (password hashes, dosimetry) before calling this, so that the transaction stays short; do not use
     * another {@code Records} inside {@code work}, which would run outside this transaction.
     */
    public <R> R inTransaction(Work<R> work) {
        return jdbi.inTransaction(h -> {
            var tx = new RecordTransaction(h, documents);
            R result = work.run(tx);
            // last, so that the stamps' row locks are held only for the commit (ChangeStamps)
            ChangeStamps.renew(h, tx.changedScopes());
            return result;
        });
    }

    /** Like {@link #inTransaction(Work)}, for work without a result. */
    public void useTransaction(java.util.function.Consumer<RecordTransaction> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** The changes of one transaction; may throw any unchecked exception, which rolls all of them back. */
    @FunctionalInterface
    public interface Work<R> {
        R run(RecordTransaction tx);
    }

    public <T> Stored<T> create(RecordKind<T> kind, T value, String actor) {
        return inTransaction(tx -> tx.create(kind, value, actor));
    }

    /** Replaces version {@code expectedVersion} of the record with {@code value}. */
    public <T> Stored<T> update(RecordKind<T> kind, int expectedVersion, T value, String actor) {
        return inTransaction(tx -> tx.update(kind, expectedVersion, value, actor));
    }

    public <T> void delete(RecordKind<T> kind, String id, int expectedVersion, String actor) {
        useTransaction(tx -> tx.delete(kind, id, expectedVersion, actor));
    }

    /**
     * Several changes as one transaction (one user action that touches several records, e.g. an approval
     * and its room booking, or a stay moved to another day): all are stored and audited, or none.
     */
    public void inOneTransaction(List<Change> changes, String actor) {
        requireActor(actor);
        useTransaction(tx -> {
            for (Change c : changes) {
                switch (c) {
                    case Change.Create<?> create -> create.applyTo(tx, actor);
                    case Change.Update<?> update -> update.applyTo(tx, actor);
                    case Change.Delete<?> delete ->
                        tx.delete(delete.kind(), delete.id(), delete.expectedVersion(), actor);
                }
            }
        });
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

    static Optional<Row> row(Handle h, String kind, String id) {
        return h.createQuery("SELECT " + Row.COLUMNS + " FROM clinical_record WHERE kind = :kind AND id = :id")
                .bind("kind", kind)
                .bind("id", id)
                .map(Row::read)
                .findOne();
    }

    static void audit(
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

    static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("every change to clinical data needs the name of who makes it");
        }
    }

    static OffsetDateTime now() {
        // microseconds: what both H2 and PostgreSQL keep, so a value reads back as written
        Instant t = Instant.now();
        return OffsetDateTime.ofInstant(t.minusNanos(t.getNano() % 1000), ZoneOffset.UTC);
    }

    record Row(String doc, int version, Instant updatedAt, String updatedBy, String patientId) {
        static final String COLUMNS = "doc, version, updated_at, updated_by, patient_id";

        static Row read(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new Row(
                    rs.getString("doc"),
                    rs.getInt("version"),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                    rs.getString("updated_by"),
                    rs.getString("patient_id"));
        }

        <T> Stored<T> as(RecordKind<T> kind, Documents documents) {
            return new Stored<>(documents.read(doc, kind.type()), version, updatedAt, updatedBy);
        }
    }
}

package org.netra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.store.audit.AuditEvent;
import org.netra.store.record.ConcurrentEditException;
import org.netra.store.record.RecordKind;
import org.netra.store.record.RecordNotFoundException;

/** What every database netra runs on must do; run against H2 and a real PostgreSQL. */
abstract class StoreContract {
    record Note(String id, String patientId, String text, int counter) {}

    static final RecordKind<Note> NOTE = new RecordKind<>("note", Note.class, Note::id, Note::patientId, Note::text);

    Store store;

    abstract StoreConfig freshConfig();

    /** The other database kind, for cross-vendor backup round trips. */
    abstract StoreConfig otherVendorConfig();

    @BeforeEach
    void open() {
        store = Store.open(freshConfig());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void createReadUpdateDeleteWithAudit() {
        var records = store.records();
        var v1 = records.create(NOTE, new Note("n1", "p1", "baseline labs", 0), "nurse.anna");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(records.get(NOTE, "n1").value()).isEqualTo(new Note("n1", "p1", "baseline labs", 0));

        var v2 = records.update(NOTE, 1, new Note("n1", "p1", "baseline labs, repeated", 0), "dr.berg");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(records.get(NOTE, "n1").updatedBy()).isEqualTo("dr.berg");
        assertThat(records.forPatient(NOTE, "p1")).hasSize(1);
        assertThat(records.list(NOTE)).extracting(s -> s.value().id()).containsExactly("n1");

        records.delete(NOTE, "n1", 2, "admin");
        assertThat(records.find(NOTE, "n1")).isEmpty();
        assertThatThrownBy(() -> records.get(NOTE, "n1")).isInstanceOf(RecordNotFoundException.class);

        List<AuditEvent> history = store.audit().history("note", "n1");
        assertThat(history)
                .extracting(AuditEvent::action)
                .containsExactly(AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE, AuditEvent.Action.DELETE);
        assertThat(history).extracting(AuditEvent::actor).containsExactly("nurse.anna", "dr.berg", "admin");
        assertThat(history.get(0).before()).isNull();
        assertThat(history.get(1).before()).contains("\"baseline labs\"");
        assertThat(history.get(1).after()).contains("baseline labs, repeated");
        assertThat(history.get(2).after()).isNull();
    }

    @Test
    void oneActionIsOneTransactionWithOneAuditEventPerChange() {
        var records = store.records();
        records.create(NOTE, new Note("n0", "p1", "existing", 0), "nurse.anna");
        long before = store.audit().since(0).size();

        records.useTransaction(tx -> {
            var n0 = tx.find(NOTE, "n0").orElseThrow();
            tx.update(NOTE, n0.version(), new Note("n0", "p1", "existing, seen", 1), "dr.berg");
            tx.create(NOTE, new Note("n1", "p1", "new", 0), "dr.berg");
            assertThat(tx.find(NOTE, "n1")).isPresent(); // the transaction reads its own writes
        });
        assertThat(records.get(NOTE, "n0").version()).isEqualTo(2);
        assertThat(store.audit().since(0)).hasSize((int) before + 2);

        // the second change fails: the first is rolled back with it, and neither is audited
        assertThatThrownBy(() -> records.useTransaction(tx -> {
                    tx.create(NOTE, new Note("n2", "p1", "half of an action", 0), "dr.berg");
                    tx.update(NOTE, 1, new Note("n0", "p1", "stale edit", 0), "dr.berg");
                }))
                .isInstanceOf(ConcurrentEditException.class);
        assertThat(records.find(NOTE, "n2")).isEmpty();
        assertThat(records.get(NOTE, "n0").value().text()).isEqualTo("existing, seen");
        assertThat(store.audit().since(0)).hasSize((int) before + 2);

        var put = records.inTransaction(tx -> tx.put(NOTE, new Note("n0", "p1", "put", 2), "admin"));
        assertThat(put.version()).isEqualTo(3);
    }

    @Test
    void aChangeNeedsAnActorAndAnUnusedId() {
        var records = store.records();
        assertThatThrownBy(() -> records.create(NOTE, new Note("n1", "p1", "x", 0), " "))
                .hasMessageContaining("who makes it");
        records.create(NOTE, new Note("n1", "p1", "x", 0), "a");
        assertThatThrownBy(() -> records.create(NOTE, new Note("n1", "p1", "y", 0), "a"))
                .hasMessageContaining("already exists");
    }

    @Test
    void twoWritersOfOneRecordTheLoserIsTold() {
        var records = store.records();
        records.create(NOTE, new Note("n1", "p1", "draft", 0), "nurse.anna");
        int read1 = records.get(NOTE, "n1").version();
        int read2 = records.get(NOTE, "n1").version();

        records.update(NOTE, read1, new Note("n1", "p1", "edited by physicist", 0), "phys.carl");
        assertThatThrownBy(() -> records.update(NOTE, read2, new Note("n1", "p1", "edited by physician", 0), "dr.berg"))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessageContaining("phys.carl")
                .hasMessageContaining("reload");

        assertThat(records.get(NOTE, "n1").value().text()).isEqualTo("edited by physicist");
        assertThat(store.audit().history("note", "n1"))
                .extracting(AuditEvent::actor)
                .containsExactly("nurse.anna", "phys.carl");
    }

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        var records = store.records();
        records.create(NOTE, new Note("c", "p1", "counter", 0), "setup");
        int writers = 4;
        int each = 15;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String actor = "writer" + w;
            conflicts.add(pool.submit(() -> {
                start.await();
                int lost = 0;
                for (int i = 0; i < each; ) {
                    var current = records.get(NOTE, "c");
                    var next = new Note("c", "p1", "counter", current.value().counter() + 1);
                    try {
                        records.update(NOTE, current.version(), next, actor);
                        i++;
                    } catch (ConcurrentEditException e) {
                        lost++; // told, so it retries
                    }
                }
                return lost;
            }));
        }
        start.countDown();
        int retries = 0;
        for (var f : conflicts) {
            retries += f.get();
        }
        pool.shutdown();
        assertThat(records.get(NOTE, "c").value().counter()).isEqualTo(writers * each);
        assertThat(store.audit().history("note", "c")).hasSize(writers * each + 1);
        assertThat(retries).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theAuditTrailIsAppendOnlyInTheDatabaseItself() throws Exception {
        store.records().create(NOTE, new Note("n1", "p1", "x", 0), "a");
        var cfg = store.config();
        try (var c = DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password())) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE audit_event SET actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("append-only");
        }
        assertThat(store.audit().since(0)).extracting(AuditEvent::actor).containsExactly("a");
    }

    @Test
    void backupRestoresIntoTheOtherDatabaseWithNothingLost(@TempDir Path dir) throws Exception {
        var records = store.records();
        records.create(NOTE, new Note("n1", "p1", "Ki-67 12 % — \"quoted\" ünïcode", 0), "dr.berg");
        records.create(NOTE, new Note("n2", "p2", "second", 0), "nurse.anna");
        records.update(NOTE, 1, new Note("n1", "p1", "Ki-67 14 %", 0), "dr.berg");
        Path first = dir.resolve("first.zip");
        var counts = store.backups().write(first);
        assertThat(counts).containsEntry("clinical_record", 2).containsEntry("audit_event", 3);

        try (var other = Store.open(otherVendorConfig())) {
            assertThat(other.backups().restore(first)).isEqualTo(counts);
            assertThat(other.records().get(NOTE, "n1").value().text()).isEqualTo("Ki-67 14 %");
            assertThat(other.records().get(NOTE, "n1").version()).isEqualTo(2);
            Path second = dir.resolve("second.zip");
            other.backups().write(second);
            assertThat(entries(second)).isEqualTo(entries(first));
            // the restored database goes on numbering its audit trail after the restored events
            other.records().update(NOTE, 2, new Note("n1", "p1", "Ki-67 15 %", 0), "dr.berg");
            assertThat(other.audit().since(0))
                    .extracting(AuditEvent::seq)
                    .doesNotHaveDuplicates()
                    .hasSize(4);
            assertThatThrownBy(() -> other.backups().restore(first)).hasMessageContaining("empty database");
        }
    }

    @Test
    void aDamagedBackupIsRefused(@TempDir Path dir) throws Exception {
        Path notZip = dir.resolve("x.zip");
        Files.writeString(notZip, "not a zip");
        assertThatThrownBy(() -> store.backups().restore(notZip))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("x.zip");
    }

    private static List<String> entries(Path zip) throws Exception {
        List<String> out = new ArrayList<>();
        try (var zf = new ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(zf.entries())) {
                out.add(e.getName() + "\n" + new String(zf.getInputStream(e).readAllBytes()));
            }
        }
        return out;
    }
}

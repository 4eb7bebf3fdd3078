package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.record.RecordKind;

class DbCommandTest {
    record Note(String id, String text) {}

    static final RecordKind<Note> NOTE = new RecordKind<>("note", Note.class, Note::id, n -> null, Note::text);

    @Test
    void backupThenRestoreIntoAnotherEmbeddedDatabase(@TempDir Path dir) {
        try (var store = Store.open(StoreConfig.embedded(dir.resolve("a")))) {
            store.records().create(NOTE, new Note("n1", "hello"), "tester");
        }
        Path zip = dir.resolve("backup.zip");
        var backup = NuclideCommandTest.run(
                "db", "backup", zip.toString(), "--data-dir", dir.resolve("a").toString(), "--json");
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("\"clinical_record\" : 1").contains("\"audit_event\" : 1");

        var restore = NuclideCommandTest.run(
                "db", "restore", zip.toString(), "--data-dir", dir.resolve("b").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        try (var store = Store.open(StoreConfig.embedded(dir.resolve("b")))) {
            assertThat(store.records().get(NOTE, "n1").value().text()).isEqualTo("hello");
        }

        var again = NuclideCommandTest.run(
                "db", "restore", zip.toString(), "--data-dir", dir.resolve("b").toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("empty database");
    }

    @Test
    void backupWhileTheServerHoldsTheDatabaseSaysSo(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (var server = ServeProcess.start(List.of("--data-dir", data.toString()), dir.resolve("serve.log"))) {
            assertThat(server.process.isAlive()).isTrue();
            var backup = NuclideCommandTest.run(
                    "db", "backup", dir.resolve("b.zip").toString(), "--data-dir", data.toString());
            assertThat(backup.exit()).isEqualTo(2);
            assertThat(backup.err())
                    .contains("in use by another netra process")
                    .contains("netra serve")
                    .doesNotContain("password");
        }
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @Test
    void noServerPrintsTheCyclePhysics() {
        var r = NuclideCommandTest.run("demo", "--no-server");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("7.4 GBq").contains("half-life 6.6");
    }

    @Test
    void recreatesOnlyAFolderItMade(@TempDir Path dir) throws Exception {
        Path demo = dir.resolve("demo");
        DemoCommand.recreate(demo);
        Files.writeString(demo.resolve("netra.mv.db"), "old database");
        // the twins' simulated scans are kept from run to run; everything else goes
        Path kept = demo.resolve(DemoCommand.TWIN_SCANS).resolve("0123456789abcdef0123456789abcdef.scans");
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "a cycle's scans");
        Files.createDirectories(demo.resolve("imaging").resolve("cd-1-1"));
        DemoCommand.recreate(demo);
        assertThat(demo.resolve("netra.mv.db")).doesNotExist();
        assertThat(demo.resolve("imaging")).doesNotExist();
        assertThat(kept).hasContent("a cycle's scans");
        assertThat(demo.resolve(DemoCommand.MARKER)).exists();

        Path foreign = dir.resolve("mine");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.txt"), "precious");
        assertThatThrownBy(() -> DemoCommand.recreate(foreign)).hasMessageContaining("was not made by netra demo");
        assertThat(foreign.resolve("thesis.txt")).exists();
    }

    /** The demo reaches the PACS the user names (flag or NETRA_PACS_URL) but never a configured database. */
    @Test
    void theDemoTakesThePacsFromTheEnvironmentOrFlagButKeepsItsOwnDatabase(@TempDir Path dir) {
        var env = java.util.Map.of(
                "NETRA_PACS_URL", "http://127.0.0.1:58042/dicom-web",
                "NETRA_DB_URL", "jdbc:postgresql://db.example/prod");
        var fromEnv = DemoCommand.config(dir, 18080, null, env);
        assertThat(fromEnv.pacsUrl()).hasValue(java.net.URI.create("http://127.0.0.1:58042/dicom-web"));
        assertThat(fromEnv.store().url()).startsWith("jdbc:h2:");
        var fromFlag = DemoCommand.config(dir, 18080, "http://pacs.example:8042/dicom-web", env);
        assertThat(fromFlag.pacsUrl()).hasValue(java.net.URI.create("http://pacs.example:8042/dicom-web"));
        assertThat(DemoCommand.config(dir, 18080, null, java.util.Map.of()).pacsUrl())
                .isEmpty();
    }
}

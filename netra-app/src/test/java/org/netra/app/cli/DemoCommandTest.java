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
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/**
 * The shipped resource equals a fresh run of its conversion step (netra-dosimetry/tools/photon_cross_sections.py
 * with Debian's xraylib), so the two cannot drift. Needs /usr/bin/python3 with python3-xraylib (.ci/run installs
 * it): skipped without it locally, failed in CI.
 */
class PhotonCrossSectionsResourceTest {
    @Test
    void theShippedTableIsTheScriptsOutput() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path script = Path.of("tools/photon_cross_sections.py");
        Path table = TestData.path("ct-density/Schneider2000MaterialsTable.txt");
        if (!Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import xraylib")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("Debian's python3-xraylib (apt-get install python3-xraylib)");
            return;
        }
        Process p = new ProcessBuilder(python.toString(), script.toString(), table.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String fresh = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String shipped;
        try (InputStream in = PhotonCrossSections.class.getResourceAsStream(PhotonCrossSections.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(fresh).isEqualTo(shipped);
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/**
 * The shipped resource equals a fresh run of its conversion step (netra-dosimetry/tools/photon_cross_sections.py
 * with Debian's xraylib), so the two cannot drift; likewise the reference angular distributions of the bound
 * scattering test (tools/scattering_angles_reference.py, xraylib and scipy). Needs /usr/bin/python3 with
 * python3-xraylib and python3-scipy (.ci/run installs them): skipped without them locally, failed in CI.
 */
class PhotonCrossSectionsResourceTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** The script's standard output, or empty (and the test reported skipped) when Python's modules are missing. */
    private static Optional<String> run(String script, String... args) throws Exception {
        if (!Files.isExecutable(PYTHON)
                || new ProcessBuilder(PYTHON.toString(), "-c", "import xraylib, scipy")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable(
                    "Debian's python3-xraylib and python3-scipy (apt-get install python3-xraylib" + " python3-scipy)");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "tools/" + script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String fresh = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return Optional.of(fresh);
    }

    private static String resource(Class<?> owner, String name) throws Exception {
        try (InputStream in = owner.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedTableIsTheScriptsOutput() throws Exception {
        Path table = TestData.path("ct-density/Schneider2000MaterialsTable.txt");
        Optional<String> fresh = run("photon_cross_sections.py", table.toString());
        if (fresh.isPresent()) {
            assertThat(fresh.get()).isEqualTo(resource(PhotonCrossSections.class, PhotonCrossSections.RESOURCE));
        }
    }

    @Test
    void theAngularReferenceIsItsScriptsOutput() throws Exception {
        Optional<String> fresh = run("scattering_angles_reference.py");
        if (fresh.isPresent()) {
            assertThat(fresh.get()).isEqualTo(resource(BoundScatteringTest.class, "scattering-angle-cdf.tsv"));
        }
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partial-volume correction corrects the activity, not the transport: on the same scans and VOIs a kernel job
 * and a Monte Carlo job must apply the same GTM factor to each VOI, so their corrected doses keep the ratio the
 * Monte Carlo table shows before the correction. Checked on a twin with lungs (the organ a colleague saw come out
 * of the two jobs with factors 0.79 and 0.91, on two different twins as it turned out): per VOI the two jobs' factors
 * per scan and for the dose are equal, the kernel job's uncorrected dose is the Monte Carlo table's kernel column,
 * the Monte Carlo job's uncorrected dose is the table's Monte Carlo column, and each corrected dose is its uncorrected
 * one times the factor.
 */
class MonteCarloPartialVolumeCommandTest {
    /**
     * {@code dosimetry} on a twin {@code netra simulate --timepoints 24,96} wrote into {@code dir}: both scans, the CT,
     * the RTSTRUCT, no registration (the twin's scans are on one grid).
     */
    static List<String> twinDosimetry(Path dir) {
        return new ArrayList<>(List.of(
                "dosimetry",
                "--timepoint",
                dir.resolve("cycle-1/spect-024h").toString(),
                "--timepoint",
                dir.resolve("cycle-1/spect-096h").toString(),
                "--ct",
                dir.resolve("cycle-1/ct-024h").toString(),
                "--rtstruct",
                dir.resolve("rtstruct.dcm").toString(),
                "--registration",
                "none"));
    }

    private static JsonNode dosimetry(Path dir, String... more) throws Exception {
        List<String> a = twinDosimetry(dir);
        a.add("--json");
        a.addAll(List.of(more));
        var r = NuclideCommandTest.run(a.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    private static Map<String, JsonNode> byName(JsonNode array, String key) {
        Map<String, JsonNode> m = new HashMap<>();
        array.forEach(n -> m.put(n.get(key).asText(), n));
        return m;
    }

    @Test
    void bothMethodsCorrectEachVoiByTheSameFactor(@TempDir Path dir) throws Exception {
        var sim = NuclideCommandTest.run(
                "simulate", "--out", dir.toString(), "--seed", "11", "--timepoints", "24,96", "--lungs");
        assertThat(sim.exit()).as(sim.err()).isZero();
        JsonNode kernel = dosimetry(dir);
        JsonNode mc = dosimetry(
                dir,
                "--method",
                "monte-carlo",
                "--mc-target-uncertainty",
                "3",
                "--mc-time-limit",
                "60s",
                "--mc-seed",
                "7");

        Map<String, JsonNode> kernelRois = byName(kernel.get("rois"), "name");
        Map<String, JsonNode> mcRois = byName(mc.get("rois"), "name");
        Map<String, JsonNode> table = byName(mc.get("monteCarlo").get("rows"), "voi");
        assertThat(mcRois.keySet()).isEqualTo(kernelRois.keySet());
        assertThat(kernelRois.keySet()).anyMatch(n -> n.toLowerCase(Locale.ROOT).contains("lung"));
        for (String name : kernelRois.keySet()) {
            JsonNode k = kernelRois.get(name);
            JsonNode m = mcRois.get(name);
            JsonNode kr = k.get("recovery");
            JsonNode mr = m.get("recovery");
            JsonNode row = table.get(name);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s kernel %.4f Gy × %.4f = %.4f | MC %.4f Gy × %.4f = %.4f | table MC %.4f kernel %.4f (%+.1f %%)%n",
                    name,
                    kr.get("uncorrectedAbsorbedDoseGy").asDouble(),
                    kr.get("tiaFactor").asDouble(),
                    k.get("absorbedDoseGy").asDouble(),
                    mr.get("uncorrectedAbsorbedDoseGy").asDouble(),
                    mr.get("tiaFactor").asDouble(),
                    m.get("absorbedDoseGy").asDouble(),
                    row.get("monteCarloGy").asDouble(),
                    row.get("kernelGy").asDouble(),
                    row.get("differencePercent").asDouble());
            // the correction reads the scans and the VOIs, which are the same: equal to rounding
            assertThat(mr.get("tiaFactor").asDouble())
                    .as(name)
                    .isCloseTo(kr.get("tiaFactor").asDouble(), within(1e-12));
            for (int t = 0; t < kr.get("activityFactor").size(); t++) {
                assertThat(mr.get("activityFactor").get(t).asDouble())
                        .as(name + " scan " + t)
                        .isCloseTo(kr.get("activityFactor").get(t).asDouble(), within(1e-12));
            }
            // before the correction each job's dose is its column of the Monte Carlo table
            double kernelBefore = kr.get("uncorrectedAbsorbedDoseGy").asDouble();
            double mcBefore = mr.get("uncorrectedAbsorbedDoseGy").asDouble();
            assertThat(row.get("kernelGy").asDouble()).as(name).isCloseTo(kernelBefore, within(1e-9 * kernelBefore));
            assertThat(row.get("monteCarloGy").asDouble()).as(name).isCloseTo(mcBefore, within(1e-9 * mcBefore));
            // and after it, each is its uncorrected dose times the common factor
            double s = kr.get("tiaFactor").asDouble();
            assertThat(k.get("absorbedDoseGy").asDouble())
                    .as(name)
                    .isCloseTo(kernelBefore * s, within(1e-9 * kernelBefore));
            assertThat(m.get("absorbedDoseGy").asDouble()).as(name).isCloseTo(mcBefore * s, within(1e-9 * mcBefore));
        }
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuationCommandTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "continuation-cycles.json");

    @TempDir
    Path dir;

    /**
     * The documented example by hand: kidney 0.60, 0.64, 0.68, 0.72 Gy/GBq × 7.4 GBq, T_eff 50 h, so
     * g = 2.8/(2.6·52.8) per Gy and BED = Σ d(1 + g·d) = 21.491 Gy; the 5.509 Gy left is the dose
     * d = (−1 + √(1 + 4gB))/(2g) = 4.999 Gy → 6.943 GBq at 0.72 Gy/GBq.
     */
    @Test
    void documentedExampleAdjustsTheFifthCycleToTheKidneyBudget() throws Exception {
        var r = NuclideCommandTest.run("continuation", "--cycles", EXAMPLE.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        double g = 2.8 / (2.6 * 52.8);
        double bed = 0;
        for (double k : new double[] {0.60, 0.64, 0.68, 0.72}) {
            bed += k * 7.4 * (1 + g * k * 7.4);
        }
        double d = (-1 + Math.sqrt(1 + 4 * g * (27 - bed))) / (2 * g);
        assertThat(j.get("advice").asText()).isEqualTo("ADJUST");
        assertThat(j.get("limitedBy").asText()).isEqualTo("KIDNEY");
        assertThat(j.at("/budget/kidneyBedGy").asDouble()).isCloseTo(bed, within(1e-9));
        assertThat(j.at("/budget/marrowGy").asDouble()).isCloseTo(4 * 0.148, within(1e-12));
        assertThat(j.get("nextActivityGBq").asDouble()).isCloseTo(d / 0.72, within(1e-9));
        assertThat(j.get("nextActivityGBq").asDouble()).isCloseTo(6.943, within(1e-3));
        assertThat(j.get("projectedKidneyBedGy").asDouble()).isCloseTo(27, within(1e-9));
        assertThat(j.get("furtherCycles").asInt()).isEqualTo(1);

        var strict = NuclideCommandTest.run("continuation", "--cycles", EXAMPLE.toString(), "--kidney-bed-limit", "22");
        assertThat(strict.exit()).as(strict.err()).isZero();
        assertThat(strict.out()).contains("STOP", "below the minimum useful 1.85 GBq");
    }

    @Test
    void aMissingValueIsNamed() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, Files.readString(EXAMPLE).replaceFirst("\"marrowGy\": 0.148", "\"marowGy\": 0.148"));
        var typo = NuclideCommandTest.run("continuation", "--cycles", f.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("marowGy", "docs/continuation-input.md");
        Files.writeString(f, "{\"cycles\": [{\"cycle\": 1, \"date\": \"2024-01-01\", \"activityGBq\": 7.4}]}");
        var missing = NuclideCommandTest.run("continuation", "--cycles", f.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cycles[0]", "'kidneyGy' is missing");
    }
}

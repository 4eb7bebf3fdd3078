package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code netra dosimetry --method monte-carlo} with its {@code --mc-*} options on the real 177Lu patient: each option
 * out of bounds is refused naming it; a time limit stops the run after its round and the report states the
 * uncertainty reached; the seed, not the thread count, decides the result.
 */
class MonteCarloOptionsCommandTest {
    private static List<String> args(String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of(
                "dosimetry",
                "--timepoint",
                DosimetryCommandTest.scan("SCAN_002"),
                "--timepoint",
                DosimetryCommandTest.scan("SCAN_001"),
                "--rtstruct",
                DosimetryCommandTest.rtstruct("SCAN_001"),
                "--recovery",
                "none"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void eachOptionOutOfBoundsIsRefusedNamingIt() throws Exception {
        String[][] bad = {
            {"--mc-target-uncertainty", "0"},
            {"--mc-target-uncertainty", "two"},
            {"--mc-time-limit", "0s"},
            {"--mc-time-limit", "3h"},
            {"--mc-seed", "x"},
            {"--mc-threads", "0"},
            {"--mc-threads", "10000"},
        };
        for (String[] b : bad) {
            var r = NuclideCommandTest.run(
                    args("--method", "monte-carlo", b[0], b[1]).toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", b)).isEqualTo(2);
            assertThat(r.err()).contains(b[0] + ": ").contains("'" + b[1] + "'");
        }
        var kernel = NuclideCommandTest.run(args("--mc-seed", "7").toArray(String[]::new));
        assertThat(kernel.exit()).isEqualTo(2);
        assertThat(kernel.err()).contains("give --method monte-carlo");
    }

    /** Seed 7 to a target of 0.01 % with a limit of 1 s, on {@code threads}. */
    private static NuclideCommandTest.Run oneRound(String threads, String... more) throws Exception {
        List<String> a = args(
                "--method",
                "monte-carlo",
                "--mc-target-uncertainty",
                "0.01",
                "--mc-time-limit",
                "1s",
                "--mc-seed",
                "7",
                "--mc-threads",
                threads);
        a.addAll(List.of(more));
        return NuclideCommandTest.run(a.toArray(String[]::new));
    }

    @Test
    void aTimeLimitStopsAfterOneRoundAndTheSeedNotTheThreadsDecides() throws Exception {
        // a target no run reaches in one round (the lesions' electrons are noiseless, so their totals reach 0.1 %
        // in one round; 0.01 % they do not), and a limit every round exceeds: one round of 10 batches
        var one = oneRound("1", "--json");
        assertThat(one.exit()).as(one.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(one.out()).get("monteCarlo");
        System.out.println("one round on the real patient: " + a);
        assertThat(a.get("stop").asText()).isEqualTo("time limit");
        assertThat(a.get("batches").asInt()).isEqualTo(10);
        assertThat(a.get("seed").asLong()).isEqualTo(7);
        assertThat(a.get("threads").asInt()).isEqualTo(1);
        assertThat(a.get("targetPercent").asDouble()).isEqualTo(0.01);
        double reached = a.get("reachedPercent").asDouble();
        assertThat(reached).isGreaterThan(0.01);
        double worstRow = 0;
        for (JsonNode row : a.get("rows")) {
            worstRow = Math.max(worstRow, row.get("monteCarloSdPercent").asDouble());
            assertThat(row.get("monteCarloSdPercent").asDouble())
                    .isCloseTo(
                            100
                                    * row.get("monteCarloSdGy").asDouble()
                                    / row.get("monteCarloGy").asDouble(),
                            org.assertj.core.api.Assertions.within(1e-9));
        }
        // the real patient's VOIs are two lesions, both watched
        assertThat(a.get("watched")).hasSize(2);
        assertThat(reached).isCloseTo(worstRow, org.assertj.core.api.Assertions.within(1e-9));

        var text = oneRound("2");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("seed 7, 2 thread(s)", "target ±0.01 %", "(TARGET NOT REACHED)");
        // the same seed on 2 threads: the same doses to the printed digit
        for (JsonNode row : a.get("rows")) {
            assertThat(text.out())
                    .contains(String.format(
                            java.util.Locale.ROOT,
                            "%s: Monte Carlo %.3f ± %.3f Gy",
                            row.get("voi").asText(),
                            row.get("monteCarloGy").asDouble(),
                            row.get("monteCarloSdGy").asDouble()));
        }
    }

    /**
     * With a CT (a digital twin written as DICOM by {@code netra simulate}: SPECT at 24 and 96 h, the CT, the
     * RTSTRUCT) the text prints, after the VOIs, the regions netra drew around each tumour and kidney, under a line
     * saying they are not VOIs, each marked automatic with its voxel count; the JSON carries what each surrounds.
     */
    @Test
    void withACtTheAutomaticRegionsArePrintedAfterTheVois(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var sim = NuclideCommandTest.run("simulate", "--out", dir.toString(), "--seed", "7", "--timepoints", "24,96");
        assertThat(sim.exit()).as(sim.err()).isZero();
        List<String> a = MonteCarloPartialVolumeCommandTest.twinDosimetry(dir);
        a.addAll(List.of("--method", "monte-carlo", "--mc-time-limit", "1s", "--mc-seed", "7"));
        var text = NuclideCommandTest.run(a.toArray(String[]::new));
        assertThat(text.exit()).as(text.err()).isZero();
        String out = text.out();
        System.out.println(out);
        int header = out.indexOf("  Automatic regions (not VOIs, compared only)");
        assertThat(header).as(out).isPositive();
        assertThat(out.indexOf("    Kidney_L: Monte Carlo")).isBetween(0, header);
        assertThat(out.substring(header))
                .containsPattern("    Kidney_L · adjoining soft tissue \\(automatic, \\d+ voxels\\): Monte Carlo")
                .contains("flagged beyond 5 % by more than 1 SD");

        List<String> json = new ArrayList<>(a);
        json.add("--json");
        var j = NuclideCommandTest.run(json.toArray(String[]::new));
        assertThat(j.exit()).as(j.err()).isZero();
        var rows = new ObjectMapper().readTree(j.out()).get("monteCarlo").get("rows");
        int automatic = 0;
        for (JsonNode row : rows) {
            if (row.hasNonNull("adjoining")) {
                automatic++;
                assertThat(row.get("voi").asText())
                        .isEqualTo(row.get("adjoining").get("voi").asText() + " · adjoining "
                                + row.get("adjoining").get("tissue").asText());
                assertThat(row.get("adjoining").get("voxels").asInt()).isGreaterThanOrEqualTo(10);
            }
        }
        assertThat(automatic).isPositive();
    }
}

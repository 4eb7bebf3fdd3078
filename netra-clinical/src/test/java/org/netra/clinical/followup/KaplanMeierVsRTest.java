package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netra.testkit.TestData;

/**
 * Kaplan–Meier and log-rank against R's survival package (Debian r-cran-survival) on R's own data sets
 * lung and aml: R writes the data and its results (km-reference.R); netra reads the same data and must
 * agree to 1e-6.
 */
class KaplanMeierVsRTest {
    private static final double TOL = 1e-6;

    @TempDir
    static Path dir;

    private static boolean ran;

    @BeforeAll
    static void runR() throws Exception {
        Path script = dir.resolve("km-reference.R");
        try (InputStream in = KaplanMeierVsRTest.class.getResourceAsStream("km-reference.R")) {
            Files.copy(in, script);
        }
        Process p;
        try {
            p = new ProcessBuilder("Rscript", script.toString(), dir.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return; // no Rscript: each test reports it as unavailable
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Rscript did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            if (log.contains("there is no package called")) {
                return;
            }
            throw new AssertionError("Rscript failed:\n" + log);
        }
        ran = true;
    }

    private static void requireR() {
        if (!ran) {
            TestData.unavailable("Rscript with the survival package (Debian r-base-core, r-cran-survival)");
        }
    }

    @ParameterizedTest(name = "{0}, conf.type {1}")
    @CsvSource({"lung,log", "lung,log-log", "lung,plain", "aml,log", "aml,log-log", "aml,plain"})
    void kaplanMeierTableAndMedianEqualR(String dataSet, String confType) throws IOException {
        requireR();
        ConfidenceType type =
                switch (confType) {
                    case "log" -> ConfidenceType.LOG;
                    case "log-log" -> ConfidenceType.LOG_LOG;
                    default -> ConfidenceType.PLAIN;
                };
        List<SurvivalObservation> data = observations(dataSet + ".csv");
        List<Map<String, String>> table = csv(dataSet + "-" + confType + "-table.csv");
        List<Map<String, String>> medians = csv(dataSet + "-" + confType + "-median.csv");
        Map<String, List<SurvivalObservation>> byGroup =
                data.stream().collect(Collectors.groupingBy(SurvivalObservation::group));
        byGroup.put("", data);
        int compared = 0;
        for (var entry : byGroup.entrySet()) {
            String group = entry.getKey();
            var curve = KaplanMeier.fit(group, entry.getValue(), 0.95, type);
            List<Map<String, String>> expected =
                    table.stream().filter(r -> r.get("group").equals(group)).toList();
            assertThat(curve.rows()).as("rows of group '%s'", group).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                var e = expected.get(i);
                var row = curve.rows().get(i);
                String at = dataSet + " group '" + group + "' t=" + e.get("time");
                assertThat(row.time()).as(at).isCloseTo(num(e.get("time")).orElseThrow(), within(TOL));
                assertThat(row.atRisk()).as(at).isEqualTo((int)
                        (double) num(e.get("n.risk")).orElseThrow());
                assertThat(row.events()).as(at).isEqualTo((int)
                        (double) num(e.get("n.event")).orElseThrow());
                assertThat(row.censored()).as(at).isEqualTo((int)
                        (double) num(e.get("n.censor")).orElseThrow());
                assertThat(row.survival()).as(at).isCloseTo(num(e.get("surv")).orElseThrow(), within(TOL));
                Optional<Double> se = num(e.get("std.err"));
                if (se.isPresent() && Double.isInfinite(se.get())) {
                    assertThat(row.standardError()).as(at + " se").isInfinite();
                } else if (se.isPresent()) {
                    assertThat(row.standardError()).as(at + " se").isCloseTo(se.get(), within(TOL));
                }
                assertOptional(row.lower(), num(e.get("lower")), at + " lower");
                assertOptional(row.upper(), num(e.get("upper")), at + " upper");
                compared++;
            }
            var m = medians.stream()
                    .filter(r -> r.get("group").equals(group))
                    .findFirst()
                    .orElseThrow();
            assertOptional(curve.median(), num(m.get("median")), dataSet + " median of '" + group + "'");
            assertOptional(curve.medianLower(), num(m.get("lower")), dataSet + " median lower of '" + group + "'");
            assertOptional(curve.medianUpper(), num(m.get("upper")), dataSet + " median upper of '" + group + "'");
        }
        assertThat(compared).isGreaterThan(30);
    }

    @ParameterizedTest
    @CsvSource({"lung", "aml", "lung3"})
    void logRankEqualsSurvdiff(String dataSet) throws IOException {
        requireR();
        var result = LogRank.test(observations(dataSet + ".csv"));
        var r = csv(dataSet + "-logrank.csv").get(0);
        assertThat(result.chiSquare()).isCloseTo(num(r.get("chisq")).orElseThrow(), within(TOL));
        assertThat(result.degreesOfFreedom())
                .isEqualTo((int) (double) num(r.get("df")).orElseThrow());
        assertThat(result.pValue()).isCloseTo(num(r.get("p")).orElseThrow(), within(TOL));
    }

    @ParameterizedTest
    @CsvSource({"lung", "aml"})
    void numbersAtRiskEqualRsSummaryAtTimes(String dataSet) throws IOException {
        requireR();
        var curve = KaplanMeier.fit(observations(dataSet + ".csv"), 0.95, ConfidenceType.LOG_LOG);
        var expected = csv(dataSet + "-atrisk.csv");
        assertThat(expected).hasSizeGreaterThan(3);
        for (var e : expected) {
            double t = num(e.get("time")).orElseThrow();
            assertThat(curve.atRisk(t)).as(dataSet + " at risk at t=" + t).isEqualTo((int)
                    (double) num(e.get("n.risk")).orElseThrow());
        }
    }

    private static void assertOptional(Optional<Double> actual, Optional<Double> expected, String what) {
        if (expected.isEmpty()) {
            assertThat(actual).as(what + " (R gives NA)").isEmpty();
        } else {
            assertThat(actual).as(what).isPresent();
            assertThat(actual.get()).as(what).isCloseTo(expected.get(), within(TOL));
        }
    }

    private static List<SurvivalObservation> observations(String file) throws IOException {
        return csv(file).stream()
                .map(r -> new SurvivalObservation(
                        num(r.get("time")).orElseThrow(), num(r.get("status")).orElseThrow() == 1, r.get("group")))
                .toList();
    }

    private static Optional<Double> num(String s) {
        return switch (s) {
            case "NA" -> Optional.empty();
            case "Inf" -> Optional.of(Double.POSITIVE_INFINITY);
            default -> Optional.of(Double.parseDouble(s));
        };
    }

    private static List<Map<String, String>> csv(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        String[] header = split(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = split(line);
            var row = new java.util.HashMap<String, String>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String[] split(String line) {
        return Arrays.stream(line.split(",", -1)).map(c -> c.replace("\"", "")).toArray(String[]::new);
    }
}

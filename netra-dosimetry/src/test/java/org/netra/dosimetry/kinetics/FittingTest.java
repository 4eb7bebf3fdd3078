package org.netra.dosimetry.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.netra.dosimetry.kinetics.Curves.LU177;
import static org.netra.dosimetry.kinetics.Curves.h;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.physics.quantity.Activity;
import org.netra.testkit.TestData;

class FittingTest {

    @Test
    void noiseFreeDataGiveBackTheParametersAndTheIntegral() {
        List<KineticModel> truths = List.of(
                Curves.mono(100, 60),
                Curves.bi(80, 6, 20, 90),
                Curves.uptake(40, 55, 2),
                new UptakeBiExponential(Activity.ofMBq(30), h(10), Activity.ofMBq(25), h(100), h(1.5)),
                new TriExponential(Activity.ofMBq(50), h(2), Activity.ofMBq(30), h(20), Activity.ofMBq(20), h(120)));
        double[] hours = {0.5, 1, 2, 4, 8, 16, 24, 48, 72, 96, 120, 144, 168, 240};
        for (KineticModel truth : truths) {
            var fit = Kinetics.fitOne(truth.kind(), Curves.sample(truth, hours, null, 0), LU177);
            assertThat(fit).as(truth.kind().label()).isInstanceOf(CandidateFit.Fitted.class);
            KineticModel got = ((CandidateFit.Fitted) fit).model();
            double[] expected = truth.parameters();
            double[] actual = got.parameters();
            for (int j = 0; j < expected.length; j++) {
                assertThat(actual[j])
                        .as(truth.kind() + " parameter " + j)
                        .isCloseTo(expected[j], within(1e-9 * expected[j]));
            }
            double tia = truth.integral().inMBqHours();
            assertThat(got.integral().inMBqHours()).as(truth.kind().label()).isCloseTo(tia, within(1e-9 * tia));
        }
    }

    @Test
    void aiccPicksTheTrueModelOnNoisyData() {
        // 5 % noise on ten time points, twenty seeds per truth: the rule must find the truth nearly always
        Map<ModelKind, KineticModel> truths = Map.of(
                ModelKind.MONO_EXPONENTIAL, Curves.mono(100, 60),
                ModelKind.BI_EXPONENTIAL, Curves.bi(100, 3, 30, 80));
        for (var e : truths.entrySet()) {
            int right = 0;
            for (int seed = 0; seed < 20; seed++) {
                var data = Curves.sample(e.getValue(), Curves.HOURS, new Random(seed), 0.05);
                var result = Kinetics.integrate(data, LU177);
                if (result.method() instanceof TiaMethod.Fit f && f.model().kind() == e.getKey()) {
                    right++;
                }
            }
            assertThat(right).as(e.getKey() + " chosen out of 20").isGreaterThanOrEqualTo(16);
        }
    }

    @Test
    void withinTheAiccWindowTheSimplerModelWins() {
        var data = Curves.sample(Curves.mono(100, 60), Curves.HOURS, new Random(7), 0.05);
        var result = Kinetics.integrate(data, LU177);
        assertThat(result.method()).isInstanceOf(TiaMethod.Fit.class);
        var chosen = ((TiaMethod.Fit) result.method()).model();
        for (CandidateFit c : result.candidates()) {
            if (c instanceof CandidateFit.Fitted f
                    && f.aicc().isPresent()
                    && f.kind().parameterCount() < chosen.parameterCount()) {
                var chosenAicc = result.candidates().stream()
                        .filter(x -> x.kind() == chosen.kind())
                        .map(x -> ((CandidateFit.Fitted) x).aicc().getAsDouble())
                        .findFirst()
                        .orElseThrow();
                assertThat(f.aicc().getAsDouble() - chosenAicc).isGreaterThan(2);
            }
        }
        assertThat(result.why()).containsAnyOf("AICc");
    }

    @Test
    void weightedFitMatchesScipyCurveFit(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            TestData.unavailable("Debian's /usr/bin/python3 with python3-scipy");
        }
        Path script =
                Path.of(FittingTest.class.getResource("curve_fit_reference.py").toURI());
        Random noise = new Random(42);
        record Case(KineticModel truth, boolean absolute) {}
        for (Case c : List.of(
                new Case(Curves.bi(80, 6, 20, 90), true),
                new Case(Curves.bi(80, 6, 20, 90), false),
                new Case(Curves.uptake(40, 55, 2), true),
                new Case(Curves.mono(100, 60), false))) {
            List<TimePoint> points = new ArrayList<>();
            for (double t : Curves.HOURS) {
                double v = c.truth().valueAt(h(t)).inMBq();
                double sd = 0.04 * v;
                points.add(TimePoint.of(h(t), Activity.ofMBq(v + sd * noise.nextGaussian()), Activity.ofMBq(sd)));
            }
            var data = new TimeActivityData(points);
            var settings = LU177.withWeighting(c.absolute() ? Weighting.STANDARD_DEVIATIONS : Weighting.RELATIVE);
            var fit = (CandidateFit.Fitted) Kinetics.fitOne(c.truth().kind(), data, settings);
            double[] sigma = c.absolute() ? data.standardDeviationsMBq() : data.megabecquerels();
            JsonNode ref = scipy(
                    python,
                    script,
                    dir,
                    c.truth().kind(),
                    data,
                    sigma,
                    c.absolute(),
                    c.truth().parameters());
            double[] p = fit.model().parameters();
            double[][] cov = fit.covariance().orElseThrow().matrix();
            for (int i = 0; i < p.length; i++) {
                assertThat(p[i])
                        .as(c + " p" + i)
                        .isCloseTo(ref.get("p").get(i).asDouble(), within(1e-6 * Math.abs(p[i])));
                for (int j = 0; j < p.length; j++) {
                    double r = ref.get("cov").get(i).get(j).asDouble();
                    double scale = Math.sqrt(cov[i][i] * cov[j][j]);
                    assertThat(cov[i][j]).as(c + " cov" + i + j).isCloseTo(r, within(1e-6 * scale));
                }
            }
        }
    }

    private static JsonNode scipy(
            Path python,
            Path script,
            Path dir,
            ModelKind kind,
            TimeActivityData data,
            double[] sigma,
            boolean absolute,
            double[] p0)
            throws IOException, InterruptedException {
        var mapper = new ObjectMapper();
        Path spec = dir.resolve(kind + "-" + absolute + ".json");
        mapper.writeValue(
                spec.toFile(),
                Map.of(
                        "model",
                        kind.name(),
                        "t",
                        data.hours(),
                        "y",
                        data.megabecquerels(),
                        "sigma",
                        sigma,
                        "absolute_sigma",
                        absolute,
                        "p0",
                        p0));
        Process proc = new ProcessBuilder(python.toString(), script.toString(), spec.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (proc.exitValue() != 0 && out.contains("ModuleNotFoundError")) {
            TestData.unavailable("python3-scipy (Debian) for the curve_fit reference: " + out);
        }
        assertThat(proc.exitValue()).as(out).isZero();
        return mapper.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }
}

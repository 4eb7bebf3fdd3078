package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.dosimetry.population.DosePerActivityModel;
import org.netra.dosimetry.population.KidneyMarrowCorrelation;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * The course forecast's calibration on simulated patients whose kidneys and marrow follow the population model: the
 * 90 % predictive interval must hold the true cumulative dose in 85–95 % of them, and the stated exceedance
 * probability must match the observed frequency (reliability table, written to target/ and docs/dosimetry.md).
 */
class CourseForecasterTest {
    private static final KidneyRadiobiology LQ = KidneyRadiobiology.DEFAULTS;
    private static final double GBQ = 7.4;

    /** One simulated patient's recorded cycles (what dosimetry would measure), drawn from the published model. */
    record SimulatedPatient(List<CycleDosimetry> cycles) {
        double cumulativeBed(int upTo) {
            return cycles.subList(0, upTo).stream()
                    .mapToDouble(c -> c.kidneyBed(LQ).inGy())
                    .sum();
        }

        double cumulativeMarrow(int upTo) {
            return cycles.subList(0, upTo).stream()
                    .mapToDouble(c -> c.marrowDose().inGy())
                    .sum();
        }
    }

    static SimulatedPatient simulate(Random rng, int cycles) {
        DosePerActivityModel k = DosePerActivityModel.KIDNEY_PUBLISHED;
        DosePerActivityModel m = DosePerActivityModel.MARROW_PUBLISHED;
        double kLevel = Math.log(k.typicalGyPerGBq()) + k.betweenPatientLogSd() * rng.nextGaussian();
        double mLevel = Math.log(m.typicalGyPerGBq()) + m.betweenPatientLogSd() * rng.nextGaussian();
        double teffLevel = Math.log(50) + 0.20 * rng.nextGaussian();
        List<CycleDosimetry> out = new ArrayList<>();
        for (int c = 1; c <= cycles; c++) {
            double kidney = GBQ * Math.exp(kLevel + k.betweenCycleLogSd() * rng.nextGaussian());
            double marrow = GBQ * Math.exp(mLevel + m.betweenCycleLogSd() * rng.nextGaussian());
            double teff = Math.exp(teffLevel + 0.10 * rng.nextGaussian());
            out.add(new CycleDosimetry(
                    c,
                    LocalDate.of(2026, 1, 1).plusWeeks(8L * c),
                    Activity.ofGBq(GBQ),
                    AbsorbedDose.ofGy(kidney),
                    Times.ofHours(teff),
                    Optional.empty(),
                    AbsorbedDose.ofGy(marrow)));
        }
        return new SimulatedPatient(out);
    }

    private static List<Activity> standard(int n) {
        return Collections.nCopies(n, Activity.ofGBq(GBQ));
    }

    /**
     * After cycle 1 and after cycle 2 of four, the 90 % interval of cumulative kidney BED and marrow dose after cycle
     * 4 holds the truth in 85–95 % of 400 simulated patients.
     */
    @Test
    void ninetyPercentIntervalsAreCalibrated() throws IOException {
        StringBuilder report =
                new StringBuilder("| forecast after | kidney BED covered | marrow covered |\n|---|---|---|\n");
        CourseForecaster forecaster =
                new CourseForecaster(DepartmentPopulationModel.PUBLISHED, ContinuationConfig.DEFAULTS, 2000);
        for (int given = 1; given <= 2; given++) {
            Random rng = new Random(1000 + given);
            int kidneyIn = 0;
            int marrowIn = 0;
            int n = 400;
            for (int i = 0; i < n; i++) {
                SimulatedPatient p = simulate(rng, 4);
                CourseForecast f = forecaster.forecast(p.cycles().subList(0, given), standard(4 - given), 0.05, i);
                kidneyIn += f.kidneyAtPlanEnd().covers(AbsorbedDose.ofGy(p.cumulativeBed(4))) ? 1 : 0;
                marrowIn += f.marrowAtPlanEnd().covers(AbsorbedDose.ofGy(p.cumulativeMarrow(4))) ? 1 : 0;
            }
            report.append(String.format(
                    Locale.ROOT,
                    "| cycle %d of 4 | %.1f %% | %.1f %% |%n",
                    given,
                    100.0 * kidneyIn / n,
                    100.0 * marrowIn / n));
            assertThat(kidneyIn / (double) n)
                    .as("kidney coverage after %d cycle(s)", given)
                    .isBetween(0.85, 0.95);
            assertThat(marrowIn / (double) n)
                    .as("marrow coverage after %d cycle(s)", given)
                    .isBetween(0.85, 0.95);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/course-coverage.md"), report.toString());
    }

    /**
     * The same check fails for a forecaster whose between-cycle spread is a third of the truth's: its intervals are
     * too narrow (the test can tell).
     */
    @Test
    void tooNarrowAModelFailsTheCalibrationCheck() {
        DosePerActivityModel k = DosePerActivityModel.KIDNEY_PUBLISHED;
        var narrow = new DosePerActivityModel(
                "kidney", k.typicalGyPerGBq(), k.betweenPatientLogSd(), k.betweenCycleLogSd() / 3, 100, 300, "narrow");
        var model = new DepartmentPopulationModel(
                List.of(), narrow, DosePerActivityModel.MARROW_PUBLISHED, KidneyMarrowCorrelation.PUBLISHED, "test");
        CourseForecaster forecaster = new CourseForecaster(model, ContinuationConfig.DEFAULTS, 2000);
        Random rng = new Random(77);
        int in = 0;
        int n = 400;
        for (int i = 0; i < n; i++) {
            SimulatedPatient p = simulate(rng, 4);
            CourseForecast f = forecaster.forecast(p.cycles().subList(0, 1), standard(3), 0.05, i);
            in += f.kidneyAtPlanEnd().covers(AbsorbedDose.ofGy(p.cumulativeBed(4))) ? 1 : 0;
        }
        assertThat(in / (double) n).isLessThan(0.85);
    }

    /**
     * Reliability of P(cumulative kidney BED &gt; 27 Gy after 8 cycles), forecast after cycle 1, on 2000 simulated
     * patients: in every bin with 40 or more patients the observed frequency is within 3 binomial SEs (+ 2 points for
     * the Monte Carlo error) of the mean stated probability. The table goes to target/course-reliability.md.
     */
    @Test
    void exceedanceProbabilityIsReliable() throws IOException {
        CourseForecaster forecaster =
                new CourseForecaster(DepartmentPopulationModel.PUBLISHED, ContinuationConfig.DEFAULTS, 1000);
        double[] edges = {0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0001};
        int bins = edges.length - 1;
        double[] statedSum = new double[bins];
        int[] observed = new int[bins];
        int[] count = new int[bins];
        Random rng = new Random(4242);
        for (int i = 0; i < 2000; i++) {
            SimulatedPatient p = simulate(rng, 8);
            CourseForecast f = forecaster.forecast(p.cycles().subList(0, 1), standard(7), 0.05, i);
            double stated = f.kidneyOverLimitByPlanEnd();
            int b = 0;
            while (stated >= edges[b + 1]) {
                b++;
            }
            statedSum[b] += stated;
            count[b]++;
            observed[b] += p.cumulativeBed(8) > 27 ? 1 : 0;
        }
        StringBuilder table =
                new StringBuilder("| stated P(BED > 27 Gy) | patients | mean stated | observed |\n|---|---|---|---|\n");
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            double stated = statedSum[b] / count[b];
            double seen = observed[b] / (double) count[b];
            table.append(String.format(
                    Locale.ROOT,
                    "| %.2f–%.2f | %d | %.3f | %.3f |%n",
                    edges[b],
                    Math.min(1, edges[b + 1]),
                    count[b],
                    stated,
                    seen));
            if (count[b] >= 40) {
                double se = Math.sqrt(stated * (1 - stated) / count[b]);
                assertThat(seen).as("bin %d", b).isCloseTo(stated, within(3 * se + 0.02));
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/course-reliability.md"), table.toString());
    }

    /**
     * The largest next activity keeps the risk at the level: checked by an independent simulation of that
     * activity's next cycle with fresh draws (another seed), against the level ± its Monte Carlo error.
     */
    @Test
    void largestNextActivityHoldsTheRiskAtTheLevel() {
        Random rng = new Random(5);
        SimulatedPatient p = simulate(rng, 5);
        List<CycleDosimetry> given = p.cycles().subList(0, 4);
        CourseForecaster forecaster =
                new CourseForecaster(DepartmentPopulationModel.PUBLISHED, ContinuationConfig.DEFAULTS, 20_000);
        // a patient near the limit: scale the given kidney doses so the remaining budget binds
        List<CycleDosimetry> heavy = given.stream()
                .map(c -> new CycleDosimetry(
                        c.cycle(),
                        c.date(),
                        c.administered(),
                        AbsorbedDose.ofGy(5.5),
                        c.kidneyEffectiveHalfLife(),
                        Optional.empty(),
                        AbsorbedDose.ofGy(0.1)))
                .toList();
        CourseForecast f = forecaster.forecast(heavy, standard(1), 0.05, 1);
        assertThat(f.nextActivityLimitedBy()).isEqualTo("kidney");
        double gbq = f.largestNextActivity().inGBq();
        assertThat(gbq).isBetween(0.5, 7.4);
        CourseForecast check = forecaster.forecast(heavy, List.of(Activity.ofGBq(gbq)), 0.05, 999);
        // SE of a 5 % proportion from 20 000 draws: 0.15 %
        assertThat(check.kidneyOverLimitByPlanEnd()).isCloseTo(0.05, within(0.006));
    }

    @Test
    void badInputIsATypedError() {
        CourseForecaster forecaster =
                new CourseForecaster(DepartmentPopulationModel.PUBLISHED, ContinuationConfig.DEFAULTS, 500);
        assertThatThrownBy(() -> forecaster.forecast(List.of(), standard(2), 0.05, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one given cycle");
        SimulatedPatient p = simulate(new Random(1), 1);
        assertThatThrownBy(() -> forecaster.forecast(p.cycles(), standard(2), 0.7, 1))
                .hasMessageContaining("risk level");
    }
}

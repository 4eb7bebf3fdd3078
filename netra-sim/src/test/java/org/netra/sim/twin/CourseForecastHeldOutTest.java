package org.netra.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CourseForecaster;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.sim.twin.ForecastCalibrationOnTwins.MeasuredCohort;

/**
 * The course forecast on held-out twins (issue 19). The population model is fitted on 100 training twins' measured
 * cycles (seeds 9001–9100, 4 cycles each, kidney scans at 4/24/96/168 h, netra's pipeline errors: kidneys 2 %,
 * marrow 10 %); 120 held-out twins (9501–9620, 8 cycles each) are forecast from their own measured cycles and
 * compared with their true courses, which follow the sim's generating process and not the fitted model. The tables
 * with more twins and both measurement errors are written to docs/dosimetry.md by netra-bench's
 * {@code ForecastCalibrationDriver}; this test keeps a smaller cohort so it stays well under a minute.
 */
class CourseForecastHeldOutTest {
    static final int TRAINING = 100;
    static final int HELD_OUT = 120;
    static final TwinCourse.Measurement HOW = TwinCourse.Measurement.PIPELINE;
    static List<TwinCourse> heldOutTwins;
    static MeasuredCohort heldOut;
    static DepartmentPopulationModel model;

    @BeforeAll
    static void fitOnTrainingTwins() {
        var training = ForecastCalibrationOnTwins.cohort(ForecastCalibrationOnTwins.FIRST_TRAINING_SEED, TRAINING, 4);
        model = ForecastCalibrationOnTwins.fit(MeasuredCohort.of(training, 4, HOW, 1), "test");
        heldOutTwins = ForecastCalibrationOnTwins.cohort(ForecastCalibrationOnTwins.FIRST_HELD_OUT_SEED, HELD_OUT, 8);
        heldOut = MeasuredCohort.of(heldOutTwins, 8, HOW, 2);
    }

    /**
     * After cycle 1, 2 and 3 of 4, the 90 % interval of the cumulative kidney BED after cycle 4 holds the twin's true
     * BED in 85–95 % of the held-out twins; the marrow's in 80–97 % (marrow measured with 10 %, reported in the docs).
     */
    @Test
    void kidneyBedIntervalsHoldTheTruthIn85To95PercentOfHeldOutTwins() {
        var forecaster = new CourseForecaster(model, ContinuationConfig.DEFAULTS, 1000, HOW.doseUncertainty());
        for (int given = 1; given <= 3; given++) {
            var row = ForecastCalibrationOnTwins.coverage(forecaster, heldOut, given, 4, 0.05);
            assertThat(row.kidneyBedCovered()).as(row.markdown()).isBetween(0.85, 0.95);
            assertThat(row.marrowCovered()).as(row.markdown()).isBetween(0.80, 0.97);
        }
    }

    /**
     * The check can fail: a forecast that takes the measured cycles as exact (the marrow's 10 % error ignored, and
     * kept in every future cycle's spread) holds the true marrow dose after cycle 3 of 4 in under 80 % of the twins.
     */
    @Test
    void ignoringTheMeasurementErrorIsCaught() {
        var exact = new CourseForecaster(model, ContinuationConfig.DEFAULTS, 1000);
        var row = ForecastCalibrationOnTwins.coverage(exact, heldOut, 3, 4, 0.05);
        assertThat(row.marrowCovered()).as(row.markdown()).isLessThan(0.80);
    }

    /**
     * Reliability of the stated P(cumulative kidney BED &gt; 27 Gy after 8 cycles), forecast after cycle 1: in every
     * bin with ≥ 15 twins the observed frequency lies within 3 binomial SEs + 0.05 of the mean stated probability.
     */
    @Test
    void statedExceedanceProbabilityIsReliableOnHeldOutTwins() {
        var forecaster = new CourseForecaster(model, ContinuationConfig.DEFAULTS, 1000, HOW.doseUncertainty());
        var bins = ForecastCalibrationOnTwins.reliability(forecaster, heldOut, 1, 8, 27);
        assertThat(bins.stream()
                        .mapToInt(ForecastCalibrationOnTwins.ReliabilityBin::patients)
                        .sum())
                .isEqualTo(HELD_OUT);
        for (var b : bins) {
            if (b.patients() >= 15) {
                assertThat(b.observed())
                        .as(b.markdown())
                        .isCloseTo(b.meanStated(), within(3 * b.standardError() + 0.05));
            }
        }
    }

    /**
     * Before cycle 1 of an 8-cycle plan, with a department marrow limit of 1.5 Gy (so that both limits bind about half
     * the twins): P(either limit) from the joint draws lies within 2.5 binomial SEs (+ 0.01 for the Monte Carlo) of the
     * frequency among the held-out twins' true courses, and the independent draws' answer differs from it by more than
     * 0.05 (it overstates the risk: a positive correlation makes crossing both likelier and either rarer).
     */
    @Test
    void jointExceedanceMatchesTheTwinsAndDiffersFromIndependentDraws() {
        assertThat(model.kidneyMarrow().betweenPatients()).isBetween(0.25, 0.75);
        var limits = ContinuationConfig.DEFAULTS;
        var department = new ContinuationConfig(
                limits.kidneyBedLimit(),
                AbsorbedDose.ofGy(1.5),
                limits.kidney(),
                limits.standardActivity(),
                limits.minimumActivity(),
                limits.maxCycles());
        var j = ForecastCalibrationOnTwins.beforeFirstCycle(
                model, department, HOW.doseUncertainty(), heldOutTwins, 8, 20_000);
        assertThat(j.kidneyObserved()).isBetween(0.25, 0.75);
        assertThat(j.marrowObserved()).isBetween(0.25, 0.8);
        assertThat(j.jointStated())
                .as(j.toString())
                .isCloseTo(j.eitherObserved(), within(2.5 * j.standardError() + 0.01));
        assertThat(j.independentStated() - j.jointStated()).as(j.toString()).isGreaterThan(0.05);
    }
}

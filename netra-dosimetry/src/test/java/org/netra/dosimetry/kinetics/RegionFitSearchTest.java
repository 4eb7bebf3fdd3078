package org.netra.dosimetry.kinetics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/**
 * The default multi-start search (stop when two starts agree, end a refinement when its RMS is still) against the
 * exhaustive one (every start to the tight tolerances): the same rule and family for each region, and the TIA and
 * its SD within {@value #SAME_TIA} of the exhaustive search's. The reference is the slower search of the same
 * fitter; the fitter itself is held to analytic curves by {@code FittingTest}.
 */
class RegionFitSearchTest {
    static final KineticsSettings LU177 =
            KineticsSettings.of(NuclideCatalog.icrp107().get("Lu-177"));
    /** Relative bound on the chosen TIA's and its SD's change (stated in docs/benchmarks.md). */
    static final double SAME_TIA = 1e-6;

    /**
     * The VOIs of the real-size twin (`bench/realsize-twin.sh`, seed 101) as `netra dosimetry` measured them at 4, 24,
     * 96 and 168 h, in MBq: kidneys and cortices, liver, spleen, bladder, marrow, five tumours (three still rising
     * between the first two scans), body.
     */
    static final double[][] TWIN_VOIS = {
        {98.0652, 59.0189, 20.8087, 7.28737},
        {99.2868, 59.5391, 20.9228, 7.30836},
        {78.05, 46.5675, 16.5011, 5.72266},
        {79.5302, 47.1344, 16.5202, 5.75439},
        {425.245, 289.766, 141.81, 68.9029},
        {109.404, 71.118, 27.7244, 10.8909},
        {147.353, 1.54331, 0.063021, 0.00877204},
        {9.38249, 2.14142, 0.707188, 0.221478},
        {53.5217, 54.9107, 29.659, 16.6204},
        {10.0726, 10.3117, 6.07198, 3.82774},
        {3.56592, 3.52136, 1.97574, 1.07013},
        {24.9055, 25.8985, 11.9356, 5.52983},
        {8.24289, 8.25192, 5.12716, 3.21022},
        {5308.52, 3111.16, 1117.63, 410.92},
    };

    static TimeActivityData data(double[] hours, double[] mbq) {
        List<TimePoint> points = new ArrayList<>();
        for (int i = 0; i < hours.length; i++) {
            points.add(TimePoint.of(Times.ofHours(hours[i]), Activity.ofMBq(mbq[i])));
        }
        return new TimeActivityData(points);
    }

    /** A fast and a slow phase with a fixed ±noise pattern, so that no family fits exactly unless noise is 0. */
    static double[] twoPhase(double[] hours, double fastRate, double noise) {
        double[] a = new double[hours.length];
        for (int i = 0; i < hours.length; i++) {
            a[i] = (300 * Math.exp(-fastRate * hours[i]) + 60 * Math.exp(-0.012 * hours[i]))
                    * (1 + noise * ((i % 3) - 1));
        }
        return a;
    }

    static List<TimeActivityData> panel() {
        List<TimeActivityData> out = new ArrayList<>();
        double[] standard = {4, 24, 96, 168};
        for (double[] voi : TWIN_VOIS) {
            out.add(data(standard, voi));
        }
        double[][] schedules = {standard, {4, 24, 48, 96, 168}, {4, 24, 48, 96, 168, 240}, {1, 2, 4, 8, 24, 48, 96, 168}
        };
        for (double[] hours : schedules) {
            for (double fastRate : new double[] {0.05, 0.3, 1}) {
                for (double noise : new double[] {0, 0.03, 0.1}) {
                    out.add(data(hours, twoPhase(hours, fastRate, noise)));
                }
            }
        }
        return out;
    }

    @Test
    void agreeingStartsChooseWhatEveryStartChoosesWithTheSameTia() {
        int fits = 0;
        for (TimeActivityData d : panel()) {
            TiaResult every = Kinetics.integrate(d, LU177, CurveFitter.Search.EVERY_START);
            TiaResult agreeing = Kinetics.integrate(d, LU177, CurveFitter.Search.AGREEING_STARTS);
            String which = d.size() + " points " + java.util.Arrays.toString(d.megabecquerels());
            assertThat(agreeing.rule()).as(which).isEqualTo(every.rule());
            assertThat(agreeing.method().getClass())
                    .as(which)
                    .isEqualTo(every.method().getClass());
            if (every.method() instanceof TiaMethod.Fit f) {
                fits++;
                assertThat(((TiaMethod.Fit) agreeing.method()).model().kind())
                        .as(which)
                        .isEqualTo(f.model().kind());
            }
            double a = every.timeIntegratedActivity().inMBqHours();
            assertThat(agreeing.timeIntegratedActivity().inMBqHours())
                    .as(which)
                    .isCloseTo(a, org.assertj.core.api.Assertions.within(SAME_TIA * a));
            assertThat(agreeing.standardDeviation().isPresent())
                    .as(which)
                    .isEqualTo(every.standardDeviation().isPresent());
            every.standardDeviation().ifPresent(sd -> assertThat(
                            agreeing.standardDeviation().orElseThrow().inMBqHours())
                    .as(which)
                    .isCloseTo(sd.inMBqHours(), org.assertj.core.api.Assertions.within(SAME_TIA * sd.inMBqHours())));
        }
        assertThat(fits).as("regions decided by a fit, not a trapezoid").isGreaterThan(40);
    }

    @Test
    void theValleyOfABiExponentialOnFourPointsIsLeftEarly() {
        // the twin's left kidney: the bi-exponential's fast phase has gone by 4 h, and its amplitude and rate grow
        // together along a valley where the tight tolerances alone took thousands of iterations per start
        TimeActivityData kidney = data(new double[] {4, 24, 96, 168}, TWIN_VOIS[0]);
        var every = (CandidateFit.Fitted)
                Kinetics.fitOne(ModelKind.BI_EXPONENTIAL, kidney, LU177, CurveFitter.Search.EVERY_START);
        var agreeing = (CandidateFit.Fitted)
                Kinetics.fitOne(ModelKind.BI_EXPONENTIAL, kidney, LU177, CurveFitter.Search.AGREEING_STARTS);
        assertThat(every.iterations()).as("iterations over the starts").isGreaterThan(4000);
        assertThat(agreeing.iterations()).as("iterations over the starts").isLessThan(every.iterations() / 3);
        // the same minimum of the cost, to the agreement the search stops on
        assertThat(agreeing.weightedResidualSumOfSquares())
                .isCloseTo(
                        every.weightedResidualSumOfSquares(),
                        org.assertj.core.api.Assertions.within(1e-6 * every.weightedResidualSumOfSquares()));
    }
}

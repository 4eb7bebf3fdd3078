package org.netra.dosimetry.kinetics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.netra.dosimetry.kinetics.Curves.LU177;
import static org.netra.dosimetry.kinetics.Curves.h;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.junit.jupiter.api.Test;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/** The rules for 1, 2 and n points, and the single-time-point methods against the full curve. */
class RulesTest {
    private static final double LN2 = Math.log(2);
    private static final double LU_HALF_LIFE_H = Times.hours(LU177.physicalHalfLife());

    @Test
    void twoRisingPointsGiveTrapezoidsAndAPhysicalTail() {
        // the real 177Lu patient's situation: a lesion still rising at 27.7 h
        var data = TimeActivityData.of(
                TimePoint.of(h(3.7), Activity.ofMBq(10)), TimePoint.of(h(27.7), Activity.ofMBq(12)));
        var r = Kinetics.integrate(data, LU177);
        assertThat(r.rule()).isEqualTo(SelectionRule.TWO_POINTS_NOT_CLEARING);
        assertThat(r.method()).isInstanceOf(TiaMethod.TrapezoidWithPhysicalTail.class);
        // by hand: triangle 0→3.7 h, trapezoid 3.7→27.7 h, then 12 MBq · T½/ln 2
        double expected = 3.7 * 10 / 2 + 24 * (10 + 12) / 2.0 + 12 * LU_HALF_LIFE_H / LN2;
        assertThat(r.timeIntegratedActivity().inMBqHours()).isCloseTo(expected, within(1e-9 * expected));
        assertThat(r.effectiveHalfLife()).isEqualTo(LU177.physicalHalfLife());
        assertThat(r.why()).contains("still rising");
    }

    @Test
    void twoFallingPointsGiveTheMonoExponentialThroughBoth() {
        var truth = Curves.mono(100, 50);
        var data = Curves.sample(truth, new double[] {24, 96}, null, 0);
        var r = Kinetics.integrate(data, LU177);
        assertThat(r.rule()).isEqualTo(SelectionRule.TWO_POINTS_CLEARING);
        double expected = 100 * 50 / LN2;
        assertThat(r.timeIntegratedActivity().inMBqHours()).isCloseTo(expected, within(1e-9 * expected));
    }

    @Test
    void twoPointsFallingSlowerThanPhysicalDecayAreNotClearing() {
        var data =
                TimeActivityData.of(TimePoint.of(h(24), Activity.ofMBq(100)), TimePoint.of(h(96), Activity.ofMBq(90)));
        assertThat(Kinetics.integrate(data, LU177).rule()).isEqualTo(SelectionRule.TWO_POINTS_NOT_CLEARING);
    }

    @Test
    void manyPointsRisingAtTheEndFallBackWithTheReason() {
        var data = Curves.sample(Curves.uptake(50, 100, 30), new double[] {1, 4, 24, 48}, null, 0);
        var r = Kinetics.integrate(data, LU177);
        assertThat(r.rule()).isEqualTo(SelectionRule.RISING_AT_LAST_POINT);
        assertThat(r.why()).contains("rises from");
    }

    @Test
    void threePointsAreTooFewForAiccSoTheSimplestModelIsTaken() {
        var data = Curves.sample(Curves.mono(100, 50), new double[] {4, 24, 96}, null, 0);
        var r = Kinetics.integrate(data, LU177);
        assertThat(r.rule()).isEqualTo(SelectionRule.TOO_FEW_POINTS_FOR_AICC);
        assertThat(((TiaMethod.Fit) r.method()).model().kind()).isEqualTo(ModelKind.MONO_EXPONENTIAL);
    }

    @Test
    void physicalTailOptionReplacesTheExtrapolation() {
        var truth = Curves.mono(100, 50);
        var data = Curves.sample(truth, new double[] {4, 24, 48, 96, 168}, null, 0);
        var r = Kinetics.integrate(data, LU177.withTail(Tail.PHYSICAL_DECAY_FROM_LAST_POINT));
        double lambda = LN2 / 50;
        double expected =
                100 / lambda * (1 - Math.exp(-lambda * 168)) + 100 * Math.exp(-lambda * 168) * LU_HALF_LIFE_H / LN2;
        assertThat(r.timeIntegratedActivity().inMBqHours()).isCloseTo(expected, within(1e-8 * expected));
    }

    @Test
    void haenscheidIsExactAtTheEffectiveHalfLifeAndAtTheSecondRoot() {
        double tEff = 50;
        var truth = Curves.mono(100, tEff);
        double full = Kinetics.integrate(Curves.sample(truth, Curves.HOURS, null, 0), LU177)
                .timeIntegratedActivity()
                .inMBqHours();
        // ratio(x) = 2x·e^(−x)/ln 2 with x = λt is 1 at x = ln 2 and at a root x₂ > 1, which is 2 ln 2 (t = 2·T_eff)
        double x2 = new BrentSolver(1e-14).solve(100, x -> 2 * x * Math.exp(-x) / LN2 - 1, 1.0, 5.0);
        assertThat(x2).isCloseTo(2 * LN2, within(1e-12));
        for (double t : new double[] {tEff, x2 * tEff / LN2}) {
            var one = TimeActivityData.of(TimePoint.of(h(t), truth.valueAt(h(t))));
            double tia = Kinetics.integrate(one, LU177).timeIntegratedActivity().inMBqHours();
            assertThat(tia).as("t = %.2f h", t).isCloseTo(full, within(1e-8 * full));
        }
        // the stationary point t = T_eff/ln 2 over-estimates by 2/(e·ln 2) − 1 ≈ 6.1 %
        double tStar = tEff / LN2;
        var one = TimeActivityData.of(TimePoint.of(h(tStar), truth.valueAt(h(tStar))));
        double ratio = Kinetics.integrate(one, LU177).timeIntegratedActivity().inMBqHours() / full;
        assertThat(ratio).isCloseTo(2 / (Math.E * LN2), within(1e-8));
    }

    @Test
    void madsenWithTheTrueHalfLifeIsExactAtAnyTime() {
        var truth = Curves.mono(100, 50);
        double full = truth.integral().inMBqHours();
        var settings = LU177.withSinglePoint(new SinglePointMethod.Madsen(h(50)));
        for (double t : new double[] {4, 24, 96, 168}) {
            var one = TimeActivityData.of(TimePoint.of(h(t), truth.valueAt(h(t)), Activity.ofMBq(1)));
            var r = Kinetics.integrate(one, settings);
            assertThat(r.timeIntegratedActivity().inMBqHours()).isCloseTo(full, within(1e-8 * full));
            assertThat(r.standardDeviation()).isPresent();
        }
    }

    @Test
    void badInputIsRefusedWithItsName() {
        assertThatThrownBy(() -> TimeActivityData.of(
                        TimePoint.of(h(24), Activity.ofMBq(1)), TimePoint.of(h(24), Activity.ofMBq(2))))
                .isInstanceOf(KineticsException.class)
                .hasMessageContaining("same time");
        assertThatThrownBy(() -> TimePoint.of(h(0), Activity.ofMBq(1)))
                .isInstanceOf(KineticsException.class)
                .hasMessageContaining("after injection");
        var noSd = TimeActivityData.of(
                TimePoint.of(h(4), Activity.ofMBq(10)),
                TimePoint.of(h(24), Activity.ofMBq(8)),
                TimePoint.of(h(96), Activity.ofMBq(3)));
        assertThatThrownBy(() -> Kinetics.integrate(noSd, LU177.withWeighting(Weighting.STANDARD_DEVIATIONS)))
                .isInstanceOf(KineticsException.class)
                .hasMessageContaining("standard deviation");
    }
}

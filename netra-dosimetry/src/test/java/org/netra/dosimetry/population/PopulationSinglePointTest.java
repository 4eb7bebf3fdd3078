package org.netra.dosimetry.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;

/** The population single-time-point method against hand calculations and against simulated truth. */
class PopulationSinglePointTest {
    private static final double LN2 = Math.log(2);
    private static final double Z95 = 1.6448536269514722;

    private static EffectiveHalfLifePrior kidneyWithoutResidual() {
        return new EffectiveHalfLifePrior(RegionKind.KIDNEY, Times.ofHours(50), 0.2, 0, "hand case");
    }

    /**
     * By hand: at 24 h, λt < 1 for every λ the grid holds, so g(λ) = e^{λt}/λ falls with λ and the TIA's
     * percentiles are g at the rate's opposite percentiles: median A·g(λ₀), 5 % A·g(λ₀e^{+1.645ω}).
     */
    @Test
    void posteriorOfOneScanIsThePriorPushedThroughTheMonoExponential() {
        double lambda0 = LN2 / 50;
        double t = 24;
        double a = 100;
        var est = PopulationSinglePoint.estimate(kidneyWithoutResidual(), Times.ofHours(t), Activity.ofMBq(a));
        double median = a * Math.exp(lambda0 * t) / lambda0;
        double hiRate = lambda0 * Math.exp(Z95 * 0.2);
        double loRate = lambda0 * Math.exp(-Z95 * 0.2);
        assertThat(est.median().inMBqHours()).isCloseTo(median, within(1e-9 * median));
        double lower = a * Math.exp(hiRate * t) / hiRate;
        double upper = a * Math.exp(loRate * t) / loRate;
        assertThat(est.lower90().inMBqHours()).isCloseTo(lower, within(3e-3 * lower));
        assertThat(est.upper90().inMBqHours()).isCloseTo(upper, within(3e-3 * upper));
        // the 90 % interval at 24 h is wide: the half-life is unknown and 24 h is far from 1/λ₀ = 72 h
        assertThat(upper / lower).isGreaterThan(1.3);
    }

    /** Without any spread the method is Madsen's with the typical half-life, exactly. */
    @Test
    void withoutSpreadItIsMadsen() {
        var exact = new EffectiveHalfLifePrior(RegionKind.SPLEEN, Times.ofHours(65), 0, 0, "no spread");
        var est = PopulationSinglePoint.estimate(exact, Times.ofHours(70), Activity.ofMBq(40));
        double madsen = new SinglePointMethod.Madsen(Times.ofHours(65)).tiaMBqHours(70, 40);
        assertThat(est.median().inMBqHours()).isCloseTo(madsen, within(1e-9 * madsen));
        assertThat(est.lower90()).isEqualTo(est.median());
    }

    /**
     * The recommended time minimises Var ln TIA; its closed form against a brute-force scan of the variance
     * computed from the grid, and its first-order limit 1/λ₀ = T_eff/ln 2.
     */
    @Test
    void recommendedScanTimeMinimisesTheRelativeVariance() {
        var prior = kidneyWithoutResidual();
        double best = Double.NaN;
        double bestVar = Double.MAX_VALUE;
        for (double t = 20; t <= 150; t += 0.25) {
            double v = gridVarianceOfLogTia(prior, t);
            if (v < bestVar) {
                bestVar = v;
                best = t;
            }
            // the closed-form variance agrees with the grid's at every time
            assertThat(Math.sqrt(v)).isCloseTo(prior.clearanceLogSdAt(t), within(2e-3));
        }
        double recommended = Times.hours(prior.recommendedScanTime());
        assertThat(recommended).isCloseTo(best, within(0.5));
        // first order: T_eff/ln 2 = 72.1 h; the log-normal's skew moves it a little earlier for ω = 0.2
        assertThat(recommended).isCloseTo(50 / LN2, within(0.05 * 50 / LN2)).isLessThan(50 / LN2);
        var narrow = new EffectiveHalfLifePrior(RegionKind.KIDNEY, Times.ofHours(50), 0.01, 0, "narrow");
        assertThat(Times.hours(narrow.recommendedScanTime())).isCloseTo(50 / LN2, within(0.01));
    }

    private static double gridVarianceOfLogTia(EffectiveHalfLifePrior prior, double t) {
        int n = 4001;
        var normal = new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double lambda = prior.typicalRatePerHour()
                    * Math.exp(prior.betweenPatientLogSd() * normal.inverseCumulativeProbability((i + 0.5) / n));
            double v = lambda * t - Math.log(lambda);
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / n;
        return sum2 / n - mean * mean;
    }

    /** Conjugate normal update on ln λ, by hand for one earlier cycle. */
    @Test
    void earlierCyclesNarrowThePrior() {
        var pop = kidneyWithoutResidual();
        var own = pop.individualised(List.of(Times.ofHours(40)), 0.1);
        double w2 = 0.04;
        double c2 = 0.01;
        double logRate = (Math.log(LN2 / 50) / w2 + Math.log(LN2 / 40) / c2) / (1 / w2 + 1 / c2);
        assertThat(Times.hours(own.typicalEffectiveHalfLife())).isCloseTo(LN2 / Math.exp(logRate), within(1e-6));
        assertThat(own.betweenPatientLogSd()).isCloseTo(Math.sqrt(1 / (1 / w2 + 1 / c2) + c2), within(1e-12));
        assertThat(own.betweenPatientLogSd()).isLessThan(pop.betweenPatientLogSd());
        // 42 h: between the population's 50 h and the patient's 40 h, much nearer the patient
        assertThat(Times.hours(own.typicalEffectiveHalfLife())).isBetween(40.0, 43.0);
        assertThat(pop.individualised(List.of(), 0.1)).isEqualTo(pop);
        assertThatThrownBy(() -> pop.individualised(List.of(Times.ofHours(0)), 0.1))
                .hasMessageContaining("earlier cycle");
    }

    @Test
    void badInputIsRefusedByName() {
        assertThatThrownBy(() ->
                        PopulationSinglePoint.estimate(kidneyWithoutResidual(), Times.ofHours(0), Activity.ofMBq(1)))
                .hasMessageContaining("scan time");
        assertThatThrownBy(() -> new EffectiveHalfLifePrior(RegionKind.LIVER, Times.ofHours(60), -0.1, 0.1, "x"))
                .hasMessageContaining("between-patient");
    }

    /**
     * 400 kidneys drawn from the prior, each measured once at the recommended time with 10 % SPECT error: the
     * 90 % interval covers the truth in 85–95 % of them, and the three methods' accuracy is tabulated
     * (docs/dosimetry.md). At 24 h as well, where the interval must stay calibrated though it widens.
     */
    @Test
    void intervalsAreCalibratedOnPatientsDrawnFromThePrior() {
        var prior = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.KIDNEY);
        for (double t : new double[] {Times.hours(prior.recommendedScanTime()), 24.0}) {
            var cohort = simulate(prior, t, 400, 19L);
            System.out.printf(
                    "kidney STP at %.1f h, n=400: within ±10 %%: population %.1f %%, Hänscheid %.1f %%, Madsen %.1f %%;"
                            + " 90 %% interval covers %.1f %%%n",
                    t, cohort[0] * 100, cohort[1] * 100, cohort[2] * 100, cohort[3] * 100);
            assertThat(cohort[3]).isBetween(0.85, 0.95);
        }
    }

    /**
     * 400 patients in their second cycle: their own clearance level drawn from the kidney prior, each cycle's
     * λ off it by the between-cycle SD (0.10); cycle 1's T_eff known from a full study. With that narrowed prior
     * a 24 h scan is calibrated too and much nearer the truth than with the population alone (Willowson 2018's
     * finding, reproduced on simulated patients).
     */
    @Test
    void theirOwnEarlierCycleNarrowsTheIntervalAndStaysCalibrated() {
        var pop = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.KIDNEY);
        double sc = EffectiveHalfLifePrior.BETWEEN_CYCLE_LOG_SD;
        double sigmaE = Math.log1p(pop.residualRelativeSd());
        Random r = new Random(23);
        int n = 400;
        int covered = 0;
        int ownWithin = 0;
        int popWithin = 0;
        double ownWidth = 0;
        double popWidth = 0;
        for (int i = 0; i < n; i++) {
            double level = Math.log(pop.typicalRatePerHour()) + pop.betweenPatientLogSd() * r.nextGaussian();
            double lambda1 = Math.exp(level + sc * r.nextGaussian());
            double lambda2 = Math.exp(level + sc * r.nextGaussian());
            var own = pop.individualised(List.of(Times.ofHours(LN2 / lambda1)), sc);
            double trueTia = 100 / lambda2;
            double measured = 100 * Math.exp(-lambda2 * 24) * Math.exp(sigmaE * r.nextGaussian());
            var withOwn = PopulationSinglePoint.estimate(own, Times.ofHours(24), Activity.ofMBq(measured));
            var popOnly = PopulationSinglePoint.estimate(pop, Times.ofHours(24), Activity.ofMBq(measured));
            covered += withOwn.covers(org.netra.physics.quantity.TimeIntegratedActivity.ofMBqHours(trueTia)) ? 1 : 0;
            ownWithin += within10(withOwn.median().inMBqHours(), trueTia);
            popWithin += within10(popOnly.median().inMBqHours(), trueTia);
            ownWidth += withOwn.upper90().inMBqHours() / withOwn.lower90().inMBqHours();
            popWidth += popOnly.upper90().inMBqHours() / popOnly.lower90().inMBqHours();
        }
        System.out.printf(
                "kidney cycle 2 at 24 h, n=400: within ±10 %%: own earlier cycle %.1f %%, population only %.1f %%;"
                        + " own 90 %% interval covers %.1f %%, mean upper/lower %.2f vs %.2f%n",
                100.0 * ownWithin / n, 100.0 * popWithin / n, 100.0 * covered / n, ownWidth / n, popWidth / n);
        assertThat(covered / (double) n).isBetween(0.85, 0.95);
        assertThat(ownWithin).isGreaterThan(popWithin);
        assertThat(ownWidth).isLessThan(popWidth);
    }

    /**
     * The coverage check can fail: a prior half as wide as the patients' real spread gives intervals that
     * miss far more than 10 % of them.
     */
    @Test
    void aTooNarrowPriorIsCaughtByTheCoverageCheck() {
        var truth = EffectiveHalfLifePrior.lu177Dotatate(RegionKind.TUMOUR);
        var tooNarrow = new EffectiveHalfLifePrior(
                RegionKind.TUMOUR, truth.typicalEffectiveHalfLife(), truth.betweenPatientLogSd() / 3, 0.1, "narrow");
        Random r = new Random(5);
        int covered = 0;
        for (int i = 0; i < 400; i++) {
            double lambda = truth.typicalRatePerHour() * Math.exp(truth.betweenPatientLogSd() * r.nextGaussian());
            double trueTia = 100 / lambda;
            double measured = 100 * Math.exp(-lambda * 24) * Math.exp(Math.log1p(0.1) * r.nextGaussian());
            var est = PopulationSinglePoint.estimate(tooNarrow, Times.ofHours(24), Activity.ofMBq(measured));
            covered += est.covers(org.netra.physics.quantity.TimeIntegratedActivity.ofMBqHours(trueTia)) ? 1 : 0;
        }
        assertThat(covered / 400.0).isLessThan(0.85);
    }

    /** {fraction within ±10 %: population, Hänscheid, Madsen; coverage of the 90 % interval}. */
    static double[] simulate(EffectiveHalfLifePrior prior, double t, int n, long seed) {
        Random r = new Random(seed);
        var madsen = new SinglePointMethod.Madsen(prior.typicalEffectiveHalfLife());
        var haenscheid = new SinglePointMethod.Haenscheid();
        int pop = 0;
        int hae = 0;
        int mad = 0;
        int covered = 0;
        double sigmaE = Math.log1p(prior.residualRelativeSd());
        for (int i = 0; i < n; i++) {
            double lambda = prior.typicalRatePerHour() * Math.exp(prior.betweenPatientLogSd() * r.nextGaussian());
            double a0 = 50 + 100 * r.nextDouble();
            double trueTia = a0 / lambda;
            double measured = a0 * Math.exp(-lambda * t) * Math.exp(sigmaE * r.nextGaussian());
            var est = PopulationSinglePoint.estimate(prior, Times.ofHours(t), Activity.ofMBq(measured));
            pop += within10(est.median().inMBqHours(), trueTia);
            hae += within10(haenscheid.tiaMBqHours(t, measured), trueTia);
            mad += within10(madsen.tiaMBqHours(t, measured), trueTia);
            covered += est.covers(org.netra.physics.quantity.TimeIntegratedActivity.ofMBqHours(trueTia)) ? 1 : 0;
        }
        return new double[] {(double) pop / n, (double) hae / n, (double) mad / n, (double) covered / n};
    }

    private static int within10(double estimate, double truth) {
        return Math.abs(estimate / truth - 1) <= 0.10 ? 1 : 0;
    }
}

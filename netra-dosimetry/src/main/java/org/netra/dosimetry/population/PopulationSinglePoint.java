package org.netra.dosimetry.population;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * Single-time-point TIA from the population prior.
 *
 * <p>One scan informs only the amplitude: with A(t) = A₀e^{−λt} and A₀ free, every λ passes through the one
 * point, so the likelihood is flat in λ and its posterior is the prior. The TIA is then A(t)·g(λ) with g(λ) =
 * e^{λt}/λ, times the measurement's error; its distribution is found by quadrature over the prior (a
 * midpoint grid in probability, {@value #RATE_NODES} rate nodes × {@value #ERROR_NODES} error nodes), not
 * by a formula, because g is not monotonic (its minimum is at λ = 1/t). The estimate is the posterior median,
 * with the 5th and 95th percentiles as the 90 % credible interval.
 */
public final class PopulationSinglePoint {
    static final int RATE_NODES = 801;
    static final int ERROR_NODES = 41;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private PopulationSinglePoint() {}

    /**
     * The TIA of a region measured once.
     *
     * @param prior the region's prior (population or narrowed by the patient's earlier cycles)
     * @param afterInjection when the scan was taken
     * @param measured the region's activity at that time
     */
    public static StpEstimate estimate(EffectiveHalfLifePrior prior, Duration afterInjection, Activity measured) {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(measured, "measured");
        if (afterInjection == null || afterInjection.isNegative() || afterInjection.isZero()) {
            throw new IllegalArgumentException("the scan time after injection must be positive, got " + afterInjection);
        }
        double t = Times.hours(afterInjection);
        double a = measured.inMBq();
        double logRate0 = Math.log(prior.typicalRatePerHour());
        double[] rateNodes = midpointNormalQuantiles(prior.betweenPatientLogSd() > 0 ? RATE_NODES : 1);
        double[] errorNodes = midpointNormalQuantiles(prior.residualRelativeSd() > 0 ? ERROR_NODES : 1);
        // the measured activity is the true one times e^{σε}: the true TIA is the measured one divided by it
        double sigmaE = Math.log1p(prior.residualRelativeSd());
        double[] tias = new double[rateNodes.length * errorNodes.length];
        int k = 0;
        for (double z : rateNodes) {
            double lambda = Math.exp(logRate0 + prior.betweenPatientLogSd() * z);
            double g = Math.exp(lambda * t) / lambda;
            for (double e : errorNodes) {
                tias[k++] = a * g * Math.exp(-sigmaE * e);
            }
        }
        Arrays.sort(tias);
        return new StpEstimate(
                TimeIntegratedActivity.ofMBqHours(quantile(tias, 0.5)),
                TimeIntegratedActivity.ofMBqHours(quantile(tias, 0.05)),
                TimeIntegratedActivity.ofMBqHours(quantile(tias, 0.95)),
                prior,
                afterInjection);
    }

    /** Standard-normal quantiles at the midpoints (i + ½)/n: every node carries probability 1/n. */
    private static double[] midpointNormalQuantiles(int n) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = n == 1 ? 0 : STANDARD_NORMAL.inverseCumulativeProbability((i + 0.5) / n);
        }
        return z;
    }

    /** The p-quantile of equally weighted sorted values, interpolated between the nodes' midpoint ranks. */
    private static double quantile(double[] sorted, double p) {
        double rank = p * sorted.length - 0.5;
        if (rank <= 0) {
            return sorted[0];
        }
        if (rank >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        int lo = (int) Math.floor(rank);
        double f = rank - lo;
        return sorted[lo] * (1 - f) + sorted[lo + 1] * f;
    }
}

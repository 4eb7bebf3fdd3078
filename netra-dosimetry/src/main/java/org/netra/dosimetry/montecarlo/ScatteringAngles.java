package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;

/**
 * The multiple-scattering angle of one condensed-history step. After a path s in a medium of first transport mean
 * free path λ₁ the exact (Goudsmit–Saunderson) mean of μ = (1 − cos θ)/2 is (1 − e^(−s/λ₁))/2. μ is drawn from the
 * truncated exponential p(μ) ∝ e^(−μ/b) on [0, 1] with the b that gives that mean — for short steps a Gaussian in
 * θ (μ ≈ θ²/4), as the many small deflections of multiple scattering give; for long steps isotropic (⟨μ⟩ → ½).
 * The screened-Rutherford shape 1/(μ + a)² with the same mean (a long single-scattering tail) gave voxel S-values
 * within 1 % of these: penetration is set by the first moment (Lewis 1950), not the shape.
 */
final class ScatteringAngles {
    private static final int POINTS = 2000;
    private static final double LN_A_MIN = Math.log(1e-9), LN_A_MAX = Math.log(1e5);
    /** Declared after the grid's bounds, which the constructor reads (static fields initialise in order). */
    static final ScatteringAngles INSTANCE = new ScatteringAngles();

    /** ⟨μ⟩ at a = exp(LN_A_MIN + i·(LN_A_MAX − LN_A_MIN)/POINTS), rising with i. */
    private final double[] meanMu = new double[POINTS + 1];

    private ScatteringAngles() {
        for (int i = 0; i <= POINTS; i++) {
            meanMu[i] = meanMu(screening(i));
        }
    }

    private static double screening(double index) {
        return Math.exp(LN_A_MIN + index * (LN_A_MAX - LN_A_MIN) / POINTS);
    }

    /** ⟨μ⟩ of the truncated exponential e^(−μ/b) on [0, 1]: b − 1/(e^(1/b) − 1). */
    static double meanMu(double b) {
        if (b > 1e3) {
            // the series in 1/b: ½ − 1/(12b) + …
            return 0.5 - 1 / (12 * b);
        }
        return b - 1 / Math.expm1(1 / b);
    }

    /** The a whose ⟨μ⟩ is {@code target} (0 < target < ½). */
    double screeningFor(double target) {
        int lo = 0, hi = POINTS;
        if (target <= meanMu[0]) {
            return screening(0);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (meanMu[mid] > target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double f = (target - meanMu[lo]) / (meanMu[hi] - meanMu[lo]);
        return screening(lo + f);
    }

    /** cos θ after a path of {@code pathOverLambda} transport mean free paths. */
    double sample(double pathOverLambda, RandomGenerator random) {
        double target = 0.5 * -Math.expm1(-pathOverLambda);
        if (target >= meanMu[POINTS]) {
            return 2 * random.nextDouble() - 1;
        }
        double a = screeningFor(target);
        double u = random.nextDouble();
        // inverse of the truncated exponential's CDF (1 − e^(−μ/b))/(1 − e^(−1/b))
        double mu = -a * Math.log1p(u * Math.expm1(-1 / a));
        return 1 - 2 * mu;
    }
}

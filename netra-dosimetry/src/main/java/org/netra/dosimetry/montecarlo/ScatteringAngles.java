package org.netra.dosimetry.montecarlo;

import java.util.random.RandomGenerator;

/**
 * The multiple-scattering angle of one condensed-history step. After a path s in a medium of first transport mean
 * free path λ₁ the exact (Goudsmit–Saunderson) mean of μ = (1 − cos θ)/2 is (1 − e^(−s/λ₁))/2. The angle is drawn
 * from the screened-Rutherford shape p(μ) = a(1 + a)/(μ + a)² on [0, 1] with the a that gives that mean:
 * ⟨μ⟩ = a[(1 + a) ln(1 + 1/a) − 1], sampled exactly by μ = a·u/(1 + a − u). Short steps get a small a (mostly
 * small angles with a long tail, as single scattering has), long steps approach isotropy (⟨μ⟩ → ½).
 */
final class ScatteringAngles {
    static final boolean SHAPE_GAUSSIAN = Boolean.parseBoolean(System.getProperty("netra.msGauss", "true"));
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

    /** ⟨μ⟩ of the shape with parameter b. */
    static double meanMu(double b) {
        if (SHAPE_GAUSSIAN) {
            if (b > 1e3) {
                return 0.5 - 1 / (12 * b);
            }
            return b - 1 / Math.expm1(1 / b);
        }
        if (b > 1e3) {
            // series in 1/a: (1+a)ln(1+1/a) − 1 = 1/(2a) − 1/(6a²) + …
            return 0.5 - 1 / (6 * b) + 1 / (12 * b * b);
        }
        return b * ((1 + b) * Math.log1p(1 / b) - 1);
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
        double mu = SHAPE_GAUSSIAN ? -a * Math.log1p(-u * -Math.expm1(-1 / a)) : a * u / (1 + a - u);
        return 1 - 2 * mu;
    }
}

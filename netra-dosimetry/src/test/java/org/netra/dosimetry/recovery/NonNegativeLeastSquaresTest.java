package org.netra.dosimetry.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NonNegativeLeastSquaresTest {
    /**
     * Pinned against SciPy 1.10's {@code scipy.optimize.nnls} (Debian python3-scipy), run by hand on the same
     * matrices: a 3×3 transfer-like matrix whose plain inverse gives a negative middle region, and an
     * over-determined 3×2 case.
     */
    @Test
    void agreesWithScipy() {
        double[] x = NonNegativeLeastSquares.solve(
                new double[][] {{0.8, 0.15, 0.05}, {0.2, 0.7, 0.1}, {0.05, 0.3, 0.6}}, new double[] {1.0, -0.2, 0.5});
        assertThat(x[0]).isCloseTo(1.06736751, within(1e-8));
        assertThat(x[1]).isEqualTo(0.0);
        assertThat(x[2]).isCloseTo(0.62801859, within(1e-8));
        double[] y = NonNegativeLeastSquares.solve(new double[][] {{1, 2}, {3, 4}, {5, 6.5}}, new double[] {1, -1, 2});
        assertThat(y[0]).isEqualTo(0.0);
        assertThat(y[1]).isCloseTo(0.17670683, within(1e-8));
    }

    /** A square system with a non-negative solution is solved exactly, as W⁻¹·t would. */
    @Test
    void aNonNegativeSolutionIsTheInverse() {
        double[][] w = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.05, 0.15, 0.8}};
        double[] truth = {3, 0.5, 2};
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                t[i] += w[i][j] * truth[j];
            }
        }
        double[] x = NonNegativeLeastSquares.solve(w, t);
        for (int j = 0; j < 3; j++) {
            assertThat(x[j]).isCloseTo(truth[j], within(1e-12));
        }
    }

    /**
     * The Karush–Kuhn–Tucker conditions of the problem hold on random cases: x ≥ 0, the gradient Aᵀ(b − Ax) is
     * zero where x > 0 and ≤ 0 where x = 0, which characterise the unique optimum of this convex problem.
     */
    @Test
    void optimalityConditionsHoldOnRandomProblems() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int m = 2 + random.nextInt(8);
            int n = 1 + random.nextInt(m);
            double[][] a = new double[m][n];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = random.nextGaussian();
                }
                b[i] = random.nextGaussian();
            }
            double[] x = NonNegativeLeastSquares.solve(a, b);
            double[] g = NonNegativeLeastSquares.gradient(a, b, x);
            for (int j = 0; j < n; j++) {
                assertThat(x[j]).isGreaterThanOrEqualTo(0);
                if (x[j] > 0) {
                    assertThat(g[j]).isCloseTo(0, within(1e-9));
                } else {
                    assertThat(g[j]).isLessThanOrEqualTo(1e-9);
                }
            }
        }
    }
}

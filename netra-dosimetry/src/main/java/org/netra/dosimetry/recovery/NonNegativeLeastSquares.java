package org.netra.dosimetry.recovery;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;

/**
 * min ‖A·x − b‖ subject to x ≥ 0, by the active-set algorithm of Lawson and Hanson (Solving Least Squares
 * Problems, 1974, ch. 23), the algorithm SciPy's {@code scipy.optimize.nnls} implements. For the GTM's square
 * matrix the answer is W⁻¹·t whenever that is non-negative; otherwise the regions whose unconstrained
 * concentration would be negative are held at zero and the rest solved in the least-squares sense.
 */
public final class NonNegativeLeastSquares {
    private NonNegativeLeastSquares() {}

    public static double[] solve(double[][] a, double[] b) {
        int m = a.length;
        int n = a[0].length;
        double[] x = new double[n];
        boolean[] passive = new boolean[n];
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double tol = 10 * Math.ulp(1.0) * Math.max(1, scale) * Math.max(m, n);
        for (int iteration = 0; iteration < 3 * n + 30; iteration++) {
            double[] w = gradient(a, b, x);
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (!passive[j] && w[j] > tol && (best < 0 || w[j] > w[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                return x;
            }
            passive[best] = true;
            while (true) {
                double[] z = solvePassive(a, b, passive);
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        feasible = false;
                    }
                }
                if (feasible) {
                    x = z;
                    break;
                }
                double alpha = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                    }
                }
                for (int j = 0; j < n; j++) {
                    x[j] += alpha * (z[j] - x[j]);
                    if (passive[j] && x[j] <= tol) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        return x;
    }

    /** Aᵀ(b − A·x): positive where increasing x_j would lower the residual. */
    static double[] gradient(double[][] a, double[] b, double[] x) {
        int m = a.length;
        int n = x.length;
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int j = 0; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            r[i] = s;
        }
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += a[i][j] * r[i];
            }
            w[j] = s;
        }
        return w;
    }

    /** The unconstrained least-squares solution over the passive columns, zero elsewhere. */
    private static double[] solvePassive(double[][] a, double[] b, boolean[] passive) {
        int m = a.length;
        int n = passive.length;
        int k = 0;
        for (boolean p : passive) {
            k += p ? 1 : 0;
        }
        double[][] sub = new double[m][k];
        for (int i = 0; i < m; i++) {
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (passive[j]) {
                    sub[i][c++] = a[i][j];
                }
            }
        }
        double[] s = new QRDecomposition(new Array2DRowRealMatrix(sub, false))
                .getSolver()
                .solve(new ArrayRealVector(b))
                .toArray();
        double[] z = new double[n];
        int c = 0;
        for (int j = 0; j < n; j++) {
            if (passive[j]) {
                z[j] = s[c++];
            }
        }
        return z;
    }
}

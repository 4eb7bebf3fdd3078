package org.netra.dosimetry.kinetics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.EvaluationRmsChecker;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Weighted least squares for one model family (Levenberg–Marquardt, Hipparchus).
 *
 * <p>The optimiser works on q with amplitude = e^q and rate = λ_phys + e^q, so amplitudes stay positive and no
 * clearance is slower than physical decay (a biological half-life cannot be negative). The minimum is the
 * same as in the plain parameters, and the covariance is carried back by the diagonal Jacobian dp/dq, which
 * gives exactly (JᵀWJ)⁻¹ in the plain parameters. Starting values come from a grid of half-lives between a
 * tenth of the first time and the physical half-life, with the amplitudes for each combination solved as a
 * linear least-squares problem (the model is linear in them); the best few combinations are refined.
 *
 * <p>{@link Search#AGREEING_STARTS} (the default) refines the starts in order of their grid fit and stops once two
 * of them end on the same minimum (costs within {@value #SAME_MINIMUM} of each other), and stops an iteration once
 * the weighted RMS changes by less than {@value #RMS_STILL} of itself: the bi-exponential on four or five time
 * points has a valley (a fast phase that has gone by the first scan, its amplitude and rate growing together) where
 * the tight tolerances walked 2 000–2 600 evaluations per start to gain 10⁻¹³ of the cost, four times per region.
 * On 51 curves of 4–8 points (the real-size twin's VOIs and two-phase curves with 0–10 % noise) the chosen TIA
 * moved by ≤ 5.4·10⁻⁷ of itself and its SD by ≤ 2.9·10⁻⁷ against {@link Search#EVERY_START} with 3.8× fewer
 * evaluations ({@code RegionFitSearchTest}; docs/benchmarks.md, "Kinetics and dose of a real-size cycle").
 */
final class CurveFitter {
    private static final int GRID_SIZE = 14;
    private static final int STARTS_REFINED = 4;
    private static final int MAX_EVALUATIONS = 5000;
    private static final double Q_LIMIT = 60;
    /** A rate this close (relative) to physical decay means the fit ran to the bound: no biological clearance. */
    private static final double AT_PHYSICAL_BOUND = 1e-6;

    /** Two refined starts whose costs differ by at most this much of the lower are on the same minimum. */
    static final double SAME_MINIMUM = 1e-9;
    /** An iteration that changes the weighted RMS by less than this much of it ends the refinement. */
    static final double RMS_STILL = 1e-12;

    /** How many of the grid's best starts are refined, and how far. */
    enum Search {
        /** Every start to the tight tolerances (the reference the default is tested against). */
        EVERY_START,
        /** Until two starts agree, each until its RMS is still (see the class comment). */
        AGREEING_STARTS
    }

    private CurveFitter() {}

    /**
     * @param sigma per-point σ (absolute when {@code absoluteSigma}, else relative weights only)
     */
    static CandidateFit fit(
            ModelKind kind,
            double[] t,
            double[] y,
            double[] sigma,
            boolean absoluteSigma,
            double physicalRate,
            boolean aiccCountsVariance) {
        return fit(kind, t, y, sigma, absoluteSigma, physicalRate, aiccCountsVariance, Search.AGREEING_STARTS);
    }

    static CandidateFit fit(
            ModelKind kind,
            double[] t,
            double[] y,
            double[] sigma,
            boolean absoluteSigma,
            double physicalRate,
            boolean aiccCountsVariance,
            Search search) {
        int n = t.length;
        int m = kind.parameterCount();
        if (n < m) {
            return new CandidateFit.Failed(
                    kind,
                    kind.label() + " has " + m + " parameters and needs at least " + m + " time points, got " + n);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 / (sigma[i] * sigma[i]);
        }
        List<double[]> starts = startingValues(kind, t, y, w, physicalRate);
        if (starts.isEmpty()) {
            return new CandidateFit.Failed(kind, "no starting values with positive amplitudes fit the data");
        }
        Optimum best = null;
        int iterations = 0;
        String lastFailure = "did not converge";
        for (double[] p0 : starts) {
            try {
                Optimum o = optimise(kind, t, y, w, physicalRate, toQ(kind, p0, physicalRate), search);
                iterations += o.getIterations();
                boolean same = best != null && Math.abs(o.getCost() - best.getCost()) <= SAME_MINIMUM * best.getCost();
                if (best == null || o.getCost() < best.getCost()) {
                    best = o;
                }
                if (same && search == Search.AGREEING_STARTS) {
                    break; // a second start on the same minimum: the others would land there too, or no lower
                }
            } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                lastFailure = "did not converge: " + e.getMessage();
            }
        }
        if (best == null) {
            return new CandidateFit.Failed(kind, lastFailure);
        }
        double[] q = best.getPoint().toArray();
        double[] p = toP(kind, q, physicalRate);
        for (int j = 0; j < m; j++) {
            if (kind.isRate(j) && (p[j] - physicalRate) < AT_PHYSICAL_BOUND * physicalRate) {
                return new CandidateFit.Failed(
                        kind,
                        "a clearance rate ran to the physical-decay limit (no biological clearance): the data"
                                + " do not support this model");
            }
        }
        KineticModel model;
        try {
            model = kind.model(p);
        } catch (KineticsException e) {
            return new CandidateFit.Failed(kind, "converged outside the model's range: " + e.getMessage());
        }
        double[] fitted = new double[n];
        List<Double> residuals = new ArrayList<>();
        double wrss = 0;
        for (int i = 0; i < n; i++) {
            fitted[i] = kind.value(t[i], p);
            double r = y[i] - fitted[i];
            residuals.add(r);
            wrss += w[i] * r * r;
        }
        double wsum = 0;
        double wy = 0;
        for (int i = 0; i < n; i++) {
            wsum += w[i];
            wy += w[i] * y[i];
        }
        double mean = wy / wsum;
        double wtss = 0;
        for (int i = 0; i < n; i++) {
            wtss += w[i] * (y[i] - mean) * (y[i] - mean);
        }
        double rSquared = wtss > 0 ? 1 - wrss / wtss : 1;
        return new CandidateFit.Fitted(
                kind,
                model,
                residuals,
                wrss,
                rSquared,
                aicc(n, m + (aiccCountsVariance ? 1 : 0), wrss),
                covariance(kind, t, w, p, wrss, absoluteSigma),
                iterations);
    }

    /** AICc = n·ln(WRSS/n) + 2K + 2K(K+1)/(n−K−1); undefined for n ≤ K+1. */
    static OptionalDouble aicc(int n, int k, double wrss) {
        if (n - k - 1 <= 0) {
            return OptionalDouble.empty();
        }
        double rss = Math.max(wrss, Double.MIN_NORMAL); // an exact fit: as small as a double can say
        return OptionalDouble.of(n * Math.log(rss / n) + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1));
    }

    private static Optimum optimise(
            ModelKind kind, double[] t, double[] y, double[] w, double physicalRate, double[] q0, Search search) {
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .checker(search == Search.AGREEING_STARTS ? new EvaluationRmsChecker(RMS_STILL, 0) : null)
                .start(q0)
                .model(point -> evaluate(kind, t, point, physicalRate))
                .parameterValidator(CurveFitter::clamp)
                .target(y)
                .weight(new DiagonalMatrix(w))
                .maxEvaluations(MAX_EVALUATIONS)
                .maxIterations(MAX_EVALUATIONS)
                .build();
        try {
            return tight().optimize(problem);
        } catch (MathIllegalStateException e) {
            // at machine precision Hipparchus reports that no further reduction is possible: loosen and rerun
            return new LevenbergMarquardtOptimizer().optimize(problem);
        }
    }

    private static LevenbergMarquardtOptimizer tight() {
        return new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-15)
                .withParameterRelativeTolerance(1e-15)
                .withOrthoTolerance(1e-15);
    }

    private static RealVector clamp(RealVector q) {
        RealVector c = q.copy();
        for (int i = 0; i < c.getDimension(); i++) {
            c.setEntry(i, Math.max(-Q_LIMIT, Math.min(Q_LIMIT, c.getEntry(i))));
        }
        return c;
    }

    private static Pair<RealVector, RealMatrix> evaluate(
            ModelKind kind, double[] t, RealVector point, double physicalRate) {
        double[] q = point.toArray();
        double[] p = toP(kind, q, physicalRate);
        int n = t.length;
        int m = p.length;
        double[] value = new double[n];
        double[][] jac = new double[n][m];
        for (int i = 0; i < n; i++) {
            value[i] = kind.value(t[i], p);
            double[] g = kind.valueGradient(t[i], p);
            for (int j = 0; j < m; j++) {
                jac[i][j] = g[j] * Math.exp(q[j]); // dp/dq = e^q for amplitudes and rates alike
            }
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
    }

    /** (JᵀWJ)⁻¹ in the plain parameters, times the residual variance unless σ is absolute. */
    private static Optional<ParameterCovariance> covariance(
            ModelKind kind, double[] t, double[] w, double[] p, double wrss, boolean absoluteSigma) {
        int n = t.length;
        int m = p.length;
        double scale;
        if (absoluteSigma) {
            scale = 1;
        } else if (n > m) {
            scale = wrss / (n - m);
        } else {
            return Optional.empty();
        }
        double[][] normal = new double[m][m];
        for (int i = 0; i < n; i++) {
            double[] g = kind.valueGradient(t[i], p);
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    normal[a][b] += w[i] * g[a] * g[b];
                }
            }
        }
        try {
            RealMatrix inverse = new QRDecomposition(new Array2DRowRealMatrix(normal, false), 1e-300)
                    .getSolver()
                    .getInverse();
            double[][] c = inverse.scalarMultiply(scale).getData();
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < a; b++) { // symmetric in exact arithmetic; make it so in floating point
                    double mean = (c[a][b] + c[b][a]) / 2;
                    c[a][b] = mean;
                    c[b][a] = mean;
                }
            }
            for (int a = 0; a < m; a++) {
                if (!(c[a][a] >= 0) || Double.isInfinite(c[a][a])) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ParameterCovariance(c));
        } catch (MathIllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static double[] toP(ModelKind kind, double[] q, double physicalRate) {
        double[] p = new double[q.length];
        for (int j = 0; j < q.length; j++) {
            p[j] = kind.isRate(j) ? physicalRate + Math.exp(q[j]) : Math.exp(q[j]);
        }
        return p;
    }

    static double[] toQ(ModelKind kind, double[] p, double physicalRate) {
        double[] q = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            q[j] = Math.log(kind.isRate(j) ? p[j] - physicalRate : p[j]);
        }
        return q;
    }

    /** The best few grid starts: rates from a half-life grid, amplitudes by linear weighted least squares. */
    private static List<double[]> startingValues(
            ModelKind kind, double[] t, double[] y, double[] w, double physicalRate) {
        double shortest = t[0] / 10;
        double longest = 0.98 * Math.log(2) / physicalRate;
        double[] grid = new double[GRID_SIZE];
        for (int g = 0; g < GRID_SIZE; g++) {
            double halfLife = shortest * Math.pow(longest / shortest, g / (GRID_SIZE - 1.0));
            grid[g] = Math.log(2) / halfLife; // fastest first
        }
        int[] rateParams = kind.ratesFastestFirst();
        List<Integer> amplitudeParams = new ArrayList<>();
        for (int j = 0; j < kind.parameterCount(); j++) {
            if (!kind.isRate(j)) {
                amplitudeParams.add(j);
            }
        }
        record Start(double[] p, double wrss) {}
        List<Start> starts = new ArrayList<>();
        for (int[] combo : combinations(GRID_SIZE, rateParams.length)) {
            double[] p = new double[kind.parameterCount()];
            for (int r = 0; r < rateParams.length; r++) {
                p[rateParams[r]] = grid[combo[r]];
            }
            double[] amplitudes = linearAmplitudes(kind, t, y, w, p, amplitudeParams);
            if (amplitudes == null) {
                continue;
            }
            for (int a = 0; a < amplitudes.length; a++) {
                p[amplitudeParams.get(a)] = amplitudes[a];
            }
            double wrss = 0;
            for (int i = 0; i < t.length; i++) {
                double r = y[i] - kind.value(t[i], p);
                wrss += w[i] * r * r;
            }
            starts.add(new Start(p, wrss));
        }
        return starts.stream()
                .sorted(Comparator.comparingDouble(Start::wrss))
                .limit(STARTS_REFINED)
                .map(Start::p)
                .toList();
    }

    /** The amplitudes that fit best for fixed rates, or null if any is not positive. */
    private static double[] linearAmplitudes(
            ModelKind kind, double[] t, double[] y, double[] w, double[] p, List<Integer> amplitudeParams) {
        int n = t.length;
        int a = amplitudeParams.size();
        if (n < a) {
            return null;
        }
        double[][] basis = new double[n][a];
        double[] target = new double[n];
        for (int k = 0; k < a; k++) {
            double[] unit = p.clone();
            for (int other : amplitudeParams) {
                unit[other] = 0;
            }
            unit[amplitudeParams.get(k)] = 1;
            for (int i = 0; i < n; i++) {
                basis[i][k] = Math.sqrt(w[i]) * kind.value(t[i], unit);
            }
        }
        for (int i = 0; i < n; i++) {
            target[i] = Math.sqrt(w[i]) * y[i];
        }
        try {
            double[] amplitudes = new QRDecomposition(new Array2DRowRealMatrix(basis, false))
                    .getSolver()
                    .solve(new ArrayRealVector(target, false))
                    .toArray();
            for (double v : amplitudes) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    return null;
                }
            }
            return amplitudes;
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }

    /** Strictly increasing index tuples of length k from 0..n−1 (fastest rate first, as the grid is ordered). */
    private static List<int[]> combinations(int n, int k) {
        List<int[]> out = new ArrayList<>();
        collect(new int[k], 0, 0, n, out);
        return out;
    }

    private static void collect(int[] current, int depth, int from, int n, List<int[]> out) {
        if (depth == current.length) {
            out.add(current.clone());
            return;
        }
        for (int i = from; i < n; i++) {
            current[depth] = i;
            collect(current, depth + 1, i + 1, n, out);
        }
    }
}

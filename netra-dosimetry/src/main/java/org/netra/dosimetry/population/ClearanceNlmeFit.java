package org.netra.dosimetry.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.netra.physics.quantity.Times;

/**
 * The nonlinear mixed-effects fit of a region kind's clearance to many patients' multi-time-point cycles.
 *
 * <p><b>Model.</b> After the uptake phase (scans at or after {@value #UPTAKE_PHASE_HOURS} h) the activity of cycle j
 * of patient i is mono-exponential, ln A_ijk = a_ij − λ_ij·t_k + ε_ijk, with
 * <ul>
 *   <li>ln λ_ij = μ + η_i + κ_ij: typical rate e^μ, between-patient η ~ N(0, ω²), between-cycle κ ~ N(0, ω_c²);
 *   <li>ε ~ N(0, σ²): a proportional (log-normal) residual error;
 *   <li>a_ij, the cycle's amplitude (activity given × uptake), free: it carries no information on clearance.
 * </ul>
 *
 * <p><b>Method.</b> Maximum likelihood of (μ, ω, ω_c, σ) with the random effects integrated out numerically — not
 * linearised (FO/FOCE) nor Laplace-approximated. Three facts make that affordable: (1) integrating the free
 * amplitude over a flat prior leaves the cycle's likelihood a function of λ alone, through three sums of its
 * centred data (S_tt, S_ty, S_yy): L_ij(λ) ∝ σ^{−(n−1)} exp(−[S_min + S_tt(λ − λ̂)²]/2σ²); (2) given η_i the
 * cycles are independent, so the patient's integral is one-dimensional over η of a product of one-dimensional
 * integrals over κ; (3) each integrand is close to Gaussian, so a trapezoid rule of {@value #NODES} nodes over
 * ±{@value #HALF_WIDTH_SD} SD of its Gaussian approximation (centre and width from the cycles' λ̂ and their
 * standard errors: an adaptive rule) is accurate to far below the statistical error (the trapezoid rule converges
 * geometrically for smooth, rapidly decaying integrands). The likelihood is maximised over (μ, ln ω, ln ω_c, ln σ)
 * by Nelder–Mead (Hipparchus), started from two-stage estimates; standard errors come from the numerical Hessian.
 * ω_c is estimated only where some patient has two fitted cycles; otherwise it is held at the default.
 */
public final class ClearanceNlmeFit {
    /** Scans before this are in the uptake phase and do not inform the washout. */
    public static final double UPTAKE_PHASE_HOURS = 20;

    static final int NODES = 25;
    static final double HALF_WIDTH_SD = 8;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private ClearanceNlmeFit() {}

    /**
     * Fits the region's clearance to {@code curves}.
     *
     * @throws IllegalArgumentException naming what is missing when fewer than 5 patients have a usable cycle
     *     (two or more scans after the uptake phase with positive activity)
     */
    public static FittedClearance fit(RegionKind region, List<MeasuredClearance> curves) {
        Data data = Data.of(curves);
        if (data.patients.size() < 5) {
            throw new IllegalArgumentException(String.format(
                    "the %s population fit needs cycles of at least 5 patients with two or more scans at ≥ %.0f h;"
                            + " %d patient(s) have one (of %d cycles given)",
                    region.label(), UPTAKE_PHASE_HOURS, data.patients.size(), curves.size()));
        }
        boolean estimateBetweenCycle = data.patients.stream().anyMatch(p -> p.length >= 2);
        double[] start = data.twoStageStart(estimateBetweenCycle);
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-9);
        int dim = start.length;
        double[] steps = new double[dim];
        java.util.Arrays.fill(steps, 0.15);
        PointValuePair best = optimizer.optimize(
                new MaxEval(20_000),
                new ObjectiveFunction(p -> -data.logLikelihood(full(p, estimateBetweenCycle))),
                GoalType.MINIMIZE,
                new InitialGuess(start),
                new NelderMeadSimplex(steps));
        // one restart from the optimum: Nelder–Mead can stall on a ridge
        best = optimizer.optimize(
                new MaxEval(20_000),
                new ObjectiveFunction(p -> -data.logLikelihood(full(p, estimateBetweenCycle))),
                GoalType.MINIMIZE,
                new InitialGuess(best.getPoint()),
                new NelderMeadSimplex(steps));
        double[] p = full(best.getPoint(), estimateBetweenCycle);
        double muSe = standardErrorOfFirst(data, best.getPoint(), estimateBetweenCycle);
        return new FittedClearance(
                region,
                Times.ofHours(Math.log(2) / Math.exp(p[0])),
                muSe,
                Math.exp(p[1]),
                Math.exp(p[2]),
                estimateBetweenCycle,
                Math.exp(p[3]),
                data.patients.size(),
                data.cycleCount(),
                data.scans,
                2 * best.getValue());
    }

    /** The marginal log-likelihood at μ, ω, ω_c, σ (for tests that compare it with brute-force integration). */
    static double logLikelihood(List<MeasuredClearance> curves, double mu, double omega, double omegaC, double sigma) {
        return Data.of(curves).logLikelihood(new double[] {mu, Math.log(omega), Math.log(omegaC), Math.log(sigma)});
    }

    private static double[] full(double[] p, boolean estimateBetweenCycle) {
        return estimateBetweenCycle
                ? p
                : new double[] {p[0], p[1], Math.log(EffectiveHalfLifePrior.BETWEEN_CYCLE_LOG_SD), p[2]};
    }

    /** SE of μ from the inverse of the numerical Hessian of −ln L (central differences, step 1e-3). */
    private static double standardErrorOfFirst(Data data, double[] at, boolean estimateBetweenCycle) {
        int n = at.length;
        double h = 1e-3;
        RealMatrix hessian = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = (f(data, at, i, h, j, h, estimateBetweenCycle)
                                - f(data, at, i, h, j, -h, estimateBetweenCycle)
                                - f(data, at, i, -h, j, h, estimateBetweenCycle)
                                + f(data, at, i, -h, j, -h, estimateBetweenCycle))
                        / (4 * h * h);
                hessian.setEntry(i, j, v);
                hessian.setEntry(j, i, v);
            }
        }
        try {
            double var = new LUDecomposition(hessian).getSolver().getInverse().getEntry(0, 0);
            return var > 0 ? Math.sqrt(var) : Double.POSITIVE_INFINITY;
        } catch (RuntimeException singular) {
            return Double.POSITIVE_INFINITY;
        }
    }

    private static double f(Data data, double[] at, int i, double di, int j, double dj, boolean betweenCycle) {
        double[] p = at.clone();
        p[i] += di;
        p[j] += dj;
        return -data.logLikelihood(full(p, betweenCycle));
    }

    /**
     * One cycle reduced to what the likelihood needs: the number of scans, the least-squares rate λ̂ = −S_ty/S_tt,
     * S_tt and the residual sum S_min at λ̂.
     */
    record CycleSums(int n, double rateHat, double stt, double sMin) {
        static CycleSums of(double[] hours, double[] logActivity) {
            int n = hours.length;
            double tBar = 0;
            double yBar = 0;
            for (int k = 0; k < n; k++) {
                tBar += hours[k];
                yBar += logActivity[k];
            }
            tBar /= n;
            yBar /= n;
            double stt = 0;
            double sty = 0;
            double syy = 0;
            for (int k = 0; k < n; k++) {
                double dt = hours[k] - tBar;
                double dy = logActivity[k] - yBar;
                stt += dt * dt;
                sty += dt * dy;
                syy += dy * dy;
            }
            double rateHat = -sty / stt;
            return new CycleSums(n, rateHat, stt, Math.max(0, syy - sty * sty / stt));
        }

        /** ln L(λ) with the amplitude integrated over a flat prior. */
        double logLikelihood(double rate, double sigma2, double logSigma2) {
            double d = rate - rateHat;
            return -0.5 * (n - 1) * (LOG_2PI + logSigma2) - 0.5 * Math.log(n) - (sMin + stt * d * d) / (2 * sigma2);
        }
    }

    /** A subject's integrand over u at equally spaced nodes {@code step} apart. */
    record SubjectNodes(double[] u, double[] logIntegrand, double step) {}

    /**
     * One subject's cycles as the likelihood reads them: scans in the uptake phase and non-positive activities left
     * out, cycles with fewer than two remaining scans at distinct times dropped.
     */
    static List<CycleSums> usableCycles(List<MeasuredClearance> cycles) {
        List<CycleSums> out = new ArrayList<>();
        for (MeasuredClearance c : cycles) {
            usable(c).ifPresent(out::add);
        }
        return out;
    }

    /** The posterior nodes of u = μ + η for one subject (see {@link Data#subjectNodes}). */
    static SubjectNodes subjectNodes(List<CycleSums> cycles, double mu, double omega, double omegaC, double sigma) {
        double sigma2 = sigma * sigma;
        return Data.subjectNodes(cycles.toArray(CycleSums[]::new), mu, omega, omegaC, sigma2, Math.log(sigma2));
    }

    private static java.util.Optional<CycleSums> usable(MeasuredClearance c) {
        double[] t = c.hoursAfterInjection();
        double[] a = c.activityMBq();
        List<Double> tt = new ArrayList<>();
        List<Double> yy = new ArrayList<>();
        for (int k = 0; k < t.length; k++) {
            if (t[k] >= UPTAKE_PHASE_HOURS && a[k] > 0) {
                tt.add(t[k]);
                yy.add(Math.log(a[k]));
            }
        }
        if (tt.size() < 2 || tt.stream().distinct().count() < 2) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(CycleSums.of(
                tt.stream().mapToDouble(Double::doubleValue).toArray(),
                yy.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private record Data(List<CycleSums[]> patients, int scans) {
        static Data of(List<MeasuredClearance> curves) {
            Map<String, List<CycleSums>> byPatient = new LinkedHashMap<>();
            int scans = 0;
            for (MeasuredClearance c : curves) {
                var sums = usable(c);
                if (sums.isEmpty()) {
                    continue;
                }
                scans += sums.get().n();
                byPatient.computeIfAbsent(c.patientId(), k -> new ArrayList<>()).add(sums.get());
            }
            return new Data(
                    byPatient.values().stream()
                            .map(l -> l.toArray(CycleSums[]::new))
                            .toList(),
                    scans);
        }

        int cycleCount() {
            return patients.stream().mapToInt(p -> p.length).sum();
        }

        /**
         * Two-stage starting values: μ and ω from the mean and SD of the patients' mean ln λ̂, ω_c from the
         * within-patient SD, σ from the pooled residuals.
         */
        double[] twoStageStart(boolean betweenCycle) {
            List<Double> patientMeans = new ArrayList<>();
            double within = 0;
            int withinDf = 0;
            double rss = 0;
            int rssDf = 0;
            for (CycleSums[] p : patients) {
                double s = 0;
                int m = 0;
                for (CycleSums c : p) {
                    rss += c.sMin;
                    rssDf += c.n - 2;
                    if (c.rateHat > 0) {
                        s += Math.log(c.rateHat);
                        m++;
                    }
                }
                if (m == 0) {
                    continue;
                }
                double mean = s / m;
                patientMeans.add(mean);
                for (CycleSums c : p) {
                    if (c.rateHat > 0) {
                        within += Math.pow(Math.log(c.rateHat) - mean, 2);
                    }
                }
                withinDf += m - 1;
            }
            double mu = patientMeans.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Math.log(0.0139));
            double var =
                    patientMeans.stream().mapToDouble(x -> (x - mu) * (x - mu)).sum()
                            / Math.max(1, patientMeans.size() - 1);
            double omega = Math.max(0.05, Math.sqrt(var));
            double omegaC = withinDf > 0 ? Math.max(0.03, Math.sqrt(within / withinDf)) : 0.1;
            double sigma = rssDf > 0 ? Math.max(0.02, Math.sqrt(rss / rssDf)) : 0.1;
            return betweenCycle
                    ? new double[] {mu, Math.log(omega), Math.log(omegaC), Math.log(sigma)}
                    : new double[] {mu, Math.log(omega), Math.log(sigma)};
        }

        /** Σ over patients of ln ∫ N(u; μ, ω²) Π_j ∫ N(θ; u, ω_c²) L_ij(e^θ) dθ du. */
        double logLikelihood(double[] p) {
            double mu = p[0];
            double omega = Math.exp(p[1]);
            double omegaC = Math.exp(p[2]);
            double logSigma2 = 2 * p[3];
            double sigma2 = Math.exp(logSigma2);
            if (omega < 1e-4 || omega > 5 || omegaC < 1e-4 || omegaC > 5 || sigma2 < 1e-8 || sigma2 > 25) {
                return -1e300;
            }
            // subjects are independent: each one's integral on its own core, summed in a fixed order (reproducible)
            double[] perSubject = new double[patients.size()];
            java.util.stream.IntStream.range(0, patients.size())
                    .parallel()
                    .forEach(i -> perSubject[i] =
                            subjectLogLikelihood(patients.get(i), mu, omega, omegaC, sigma2, logSigma2));
            double total = 0;
            for (double v : perSubject) {
                total += v;
            }
            return total;
        }

        /** ln ∫ N(u; μ, ω²) Π_j ∫ N(θ; u, ω_c²) L_j(e^θ) dθ du for one subject, by the adaptive trapezoid rule. */
        private static double subjectLogLikelihood(
                CycleSums[] patient, double mu, double omega, double omegaC, double sigma2, double logSigma2) {
            SubjectNodes nodes = subjectNodes(patient, mu, omega, omegaC, sigma2, logSigma2);
            return logSumExp(nodes.logIntegrand()) + Math.log(nodes.step());
        }

        /**
         * The subject's integrand over u = μ + η at the adaptive rule's nodes: ln[N(u; μ, ω²) Π_j ∫ N(θ; u, ω_c²)
         * L_j(e^θ) dθ]. Its integral is the subject's likelihood; normalised, it is the posterior of u.
         */
        static SubjectNodes subjectNodes(
                CycleSums[] patient, double mu, double omega, double omegaC, double sigma2, double logSigma2) {
            double[] u = new double[NODES];
            double[] logF = new double[NODES];
            double[] logG = new double[NODES];
            // Gaussian approximation of u = μ + η given the subject's cycles: centre and width of the rule
            double precision = 1 / (omega * omega);
            double weighted = mu * precision;
            for (CycleSums c : patient) {
                if (c.rateHat > 0) {
                    double v = sigma2 / (c.stt * c.rateHat * c.rateHat) + omegaC * omegaC;
                    precision += 1 / v;
                    weighted += Math.log(c.rateHat) / v;
                }
            }
            double centre = weighted / precision;
            double sd = 1 / Math.sqrt(precision);
            double h = 2 * HALF_WIDTH_SD * sd / (NODES - 1);
            for (int r = 0; r < NODES; r++) {
                u[r] = centre - HALF_WIDTH_SD * sd + r * h;
                double z = (u[r] - mu) / omega;
                double s = -0.5 * z * z - Math.log(omega) - 0.5 * LOG_2PI;
                for (CycleSums c : patient) {
                    s += logCycleIntegral(c, u[r], omegaC, sigma2, logSigma2, logG);
                }
                logF[r] = s;
            }
            return new SubjectNodes(u, logF, h);
        }

        /** ln ∫ N(θ; u, ω_c²) L(e^θ) dθ by the adaptive trapezoid rule. */
        private static double logCycleIntegral(
                CycleSums c, double u, double omegaC, double sigma2, double logSigma2, double[] buffer) {
            double precision = 1 / (omegaC * omegaC);
            double weighted = u * precision;
            if (c.rateHat > 0) {
                double v = sigma2 / (c.stt * c.rateHat * c.rateHat);
                precision += 1 / v;
                weighted += Math.log(c.rateHat) / v;
            }
            double centre = weighted / precision;
            double sd = 1 / Math.sqrt(precision);
            double h = 2 * HALF_WIDTH_SD * sd / (NODES - 1);
            for (int q = 0; q < NODES; q++) {
                double theta = centre - HALF_WIDTH_SD * sd + q * h;
                double z = (theta - u) / omegaC;
                buffer[q] = -0.5 * z * z
                        - Math.log(omegaC)
                        - 0.5 * LOG_2PI
                        + c.logLikelihood(Math.exp(theta), sigma2, logSigma2);
            }
            return logSumExp(buffer) + Math.log(h);
        }

        static double logSumExp(double[] v) {
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                max = Math.max(max, x);
            }
            double s = 0;
            for (double x : v) {
                s += Math.exp(x - max);
            }
            return max + Math.log(s);
        }
    }
}

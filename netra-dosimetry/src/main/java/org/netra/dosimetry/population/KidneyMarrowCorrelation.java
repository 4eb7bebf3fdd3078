package org.netra.dosimetry.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * How a patient's kidney and marrow dose per activity move together: the correlation of the between-patient levels
 * (b_kidney, b_marrow) of {@link DosePerActivityModel} and of the between-cycle terms (e_kidney, e_marrow) of one
 * cycle. Both organs' doses rise when the peptide stays longer in the blood, as with poorer renal function (Svensson
 * et al., EJNMMI 2015;42:947: lower GFR, higher kidney Gy/GBq and more haematological toxicity); no published series
 * gives the coefficient, so the published default is none, and the department's fit replaces it.
 *
 * <p>Independence is the safe default for the course forecast's joint risk: P(either limit) = P(kidney) + P(marrow)
 * − P(both), and a positive correlation raises P(both), so assuming none overstates the risk of crossing either.
 *
 * @param betweenPatients the correlation of the patients' levels, in (−1, 1)
 * @param betweenCycles the correlation of one cycle's deviations from the patient's levels (measurement included)
 * @param patients patients with both organs measured behind the values (0 for the default)
 * @param cycles cycles with both organs measured behind the values (0 for the default)
 * @param source where the values come from, in words
 */
public record KidneyMarrowCorrelation(
        double betweenPatients, double betweenCycles, int patients, int cycles, String source) {

    /** None known: no published series gives the coefficient (see the class comment for why that is safe). */
    public static final KidneyMarrowCorrelation PUBLISHED = new KidneyMarrowCorrelation(
            0,
            0,
            0,
            0,
            "none assumed: no published coefficient (mechanism: Svensson 2015, renal function raises both);"
                    + " independence overstates P(either limit)");

    /** The largest |ρ| the fit returns: a correlation of ±1 would make the joint draw degenerate. */
    static final double MAX_ABS = 0.99;

    public KidneyMarrowCorrelation {
        Objects.requireNonNull(source, "source");
        if (!(Math.abs(betweenPatients) < 1) || !(Math.abs(betweenCycles) < 1)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "a kidney–marrow correlation must lie strictly between −1 and 1, got %s between patients and %s"
                            + " between cycles",
                    betweenPatients,
                    betweenCycles));
        }
    }

    /**
     * Fits the two correlations by maximum likelihood given each organ's fitted model (μ, τ, τ_c held at their
     * values: a two-step fit). For a patient with n cycles the kidney and marrow values x_k, x_m have covariances
     * τ²J + τ_c²I each and cross-covariance ρ_b·τ_kτ_m·J + ρ_c·τ_ckτ_cm·I. In the basis of the mean and n − 1
     * contrasts this splits exactly: the scaled means √n·(x̄_k − μ_k, x̄_m − μ_m) are bivariate normal with variances
     * nτ² + τ_c² and covariance nρ_bτ_kτ_m + ρ_cτ_ckτ_cm; each contrast pair is bivariate normal with variances τ_c²
     * and covariance ρ_cτ_ckτ_cm, and only their cross-products' sum Σ(x_k − x̄_k)(x_m − x̄_m) enters. Nelder–Mead
     * (Hipparchus) searches atanh ρ_b and atanh ρ_c.
     *
     * @param kidneyByPatient each patient's kidney Gy/GBq, one per cycle
     * @param marrowByPatient each patient's marrow Gy/GBq, the same cycles in the same order
     */
    public static KidneyMarrowCorrelation fit(
            DosePerActivityModel kidney,
            DosePerActivityModel marrow,
            Map<String, List<Double>> kidneyByPatient,
            Map<String, List<Double>> marrowByPatient,
            String source) {
        List<PairedPatient> paired = new ArrayList<>();
        int cycles = 0;
        for (var e : kidneyByPatient.entrySet()) {
            List<Double> m = marrowByPatient.get(e.getKey());
            if (m == null) {
                continue;
            }
            List<Double> k = e.getValue();
            int n = Math.min(k.size(), m.size());
            double[] lk = new double[n];
            double[] lm = new double[n];
            int used = 0;
            for (int j = 0; j < n; j++) {
                if (k.get(j) != null && k.get(j) > 0 && m.get(j) != null && m.get(j) > 0) {
                    lk[used] = Math.log(k.get(j)) - Math.log(kidney.typicalGyPerGBq());
                    lm[used] = Math.log(m.get(j)) - Math.log(marrow.typicalGyPerGBq());
                    used++;
                }
            }
            if (used > 0) {
                paired.add(PairedPatient.of(Arrays.copyOf(lk, used), Arrays.copyOf(lm, used)));
                cycles += used;
            }
        }
        if (paired.size() < 5 || cycles <= paired.size()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the kidney–marrow correlation needs at least 5 patients with both organs measured and one of them"
                            + " with two cycles; got %d patients with %d cycles",
                    paired.size(),
                    cycles));
        }
        ObjectiveFunction objective =
                new ObjectiveFunction(p -> -logLikelihood(paired, kidney, marrow, Math.tanh(p[0]), Math.tanh(p[1])));
        PointValuePair best = new SimplexOptimizer(1e-12, 1e-10)
                .optimize(
                        new MaxEval(10_000),
                        objective,
                        GoalType.MINIMIZE,
                        new InitialGuess(new double[] {0, 0}),
                        new NelderMeadSimplex(new double[] {0.3, 0.3}));
        return new KidneyMarrowCorrelation(
                clampRho(Math.tanh(best.getPoint()[0])),
                clampRho(Math.tanh(best.getPoint()[1])),
                paired.size(),
                cycles,
                source);
    }

    private static double clampRho(double rho) {
        return Math.max(-MAX_ABS, Math.min(MAX_ABS, rho));
    }

    /** One patient's centred ln values reduced to what the likelihood needs. */
    private record PairedPatient(int n, double meanK, double meanM, double sKK, double sMM, double sKM) {
        static PairedPatient of(double[] k, double[] m) {
            int n = k.length;
            double mk = 0;
            double mm = 0;
            for (int j = 0; j < n; j++) {
                mk += k[j] / n;
                mm += m[j] / n;
            }
            double kk = 0;
            double mmSum = 0;
            double km = 0;
            for (int j = 0; j < n; j++) {
                kk += (k[j] - mk) * (k[j] - mk);
                mmSum += (m[j] - mm) * (m[j] - mm);
                km += (k[j] - mk) * (m[j] - mm);
            }
            return new PairedPatient(n, mk, mm, kk, mmSum, km);
        }
    }

    private static double logLikelihood(
            List<PairedPatient> patients,
            DosePerActivityModel kidney,
            DosePerActivityModel marrow,
            double rhoB,
            double rhoC) {
        double tk = kidney.betweenPatientLogSd();
        double tm = marrow.betweenPatientLogSd();
        double ck = kidney.betweenCycleLogSd();
        double cm = marrow.betweenCycleLogSd();
        double ll = 0;
        for (PairedPatient p : patients) {
            int n = p.n();
            double vk = n * tk * tk + ck * ck;
            double vm = n * tm * tm + cm * cm;
            double cov = n * rhoB * tk * tm + rhoC * ck * cm;
            double zk = Math.sqrt(n) * p.meanK();
            double zm = Math.sqrt(n) * p.meanM();
            ll += bivariateNormal(zk * zk, zm * zm, zk * zm, 1, vk, vm, cov);
            if (n > 1) {
                ll += bivariateNormal(p.sKK(), p.sMM(), p.sKM(), n - 1, ck * ck, cm * cm, rhoC * ck * cm);
            }
        }
        return ll;
    }

    /**
     * The log density (without 2π) of {@code count} independent zero-mean bivariate normal pairs with covariance
     * [[a, c], [c, b]], given their sums of squares and cross-products.
     */
    private static double bivariateNormal(double sxx, double syy, double sxy, int count, double a, double b, double c) {
        double det = a * b - c * c;
        if (!(det > 0)) {
            return -1e300;
        }
        return -0.5 * count * Math.log(det) - 0.5 * (b * sxx - 2 * c * sxy + a * syy) / det;
    }

    /** Whether there is enough data for these values to replace the default (as for the dose models). */
    public boolean enoughToReplaceDefault() {
        return patients >= FittedClearance.MIN_PATIENTS_TO_REPLACE_DEFAULT
                && cycles >= FittedClearance.MIN_CYCLES_TO_REPLACE_DEFAULT;
    }

    /** The values in words. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "kidney–marrow correlation %.2f between patients, %.2f between cycles (%s)",
                betweenPatients,
                betweenCycles,
                source);
    }
}

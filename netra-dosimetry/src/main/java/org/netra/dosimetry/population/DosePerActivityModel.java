package org.netra.dosimetry.population;

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
 * An organ's absorbed dose per administered activity across a department's patients and cycles: ln(Gy/GBq) of cycle
 * j of patient i is μ + b_i + e_ij, with b ~ N(0, τ²) between patients and e ~ N(0, τ_c²) between cycles (which
 * includes the measurement's own error, since it is fitted from measured doses). What a course forecast draws
 * future cycles from.
 *
 * @param organ "kidney" or "marrow", for the text
 * @param typicalGyPerGBq e^μ, the median
 * @param betweenPatientLogSd τ
 * @param betweenCycleLogSd τ_c
 * @param patients patients behind the values (0 for a published default)
 * @param cycles cycles behind the values (0 for a published default)
 * @param source where the values come from, in words
 */
public record DosePerActivityModel(
        String organ,
        double typicalGyPerGBq,
        double betweenPatientLogSd,
        double betweenCycleLogSd,
        int patients,
        int cycles,
        String source) {

    public DosePerActivityModel {
        Objects.requireNonNull(organ, "organ");
        Objects.requireNonNull(source, "source");
        if (!(typicalGyPerGBq > 0) || !(betweenPatientLogSd >= 0) || !(betweenCycleLogSd > 0)) {
            throw new IllegalArgumentException(organ + " dose per activity: the median must be positive and the SDs"
                    + " non-negative (between cycles positive), got " + typicalGyPerGBq + ", " + betweenPatientLogSd
                    + ", " + betweenCycleLogSd);
        }
    }

    /**
     * Kidney, published: median 0.43 Gy/GBq (0.43 ± 0.13 in Santoro et al., EJNMMI Res 2018; 0.38 ± 0.19 in
     * Willowson et al., EJNMMI Phys 2018, 80 cycles; 0.46 in Staanum et al., EJNMMI Phys 2021); SD of ln between
     * patients 0.30 (those series' CVs, 30–50 %, include cycle-to-cycle spread); between cycles 0.15 — an
     * assumption: Willowson found the cycle-1 half-life predicted later cycles' doses within 2 % from a 24 h scan,
     * so most of the spread is the patient's, plus the ≈ 10 % of one measurement.
     */
    public static final DosePerActivityModel KIDNEY_PUBLISHED = new DosePerActivityModel(
            "kidney",
            0.43,
            0.30,
            0.15,
            0,
            0,
            "published: kidney 0.43 Gy/GBq (Santoro 2018; Willowson 2018 0.38 ± 0.19; Staanum 2021 0.46),"
                    + " between patients 0.30, between cycles 0.15 (assumption)");

    /**
     * Marrow, published: blood-based 0.01–0.03 Gy/GBq (docs/DOMAIN.md §1), median 0.02; SD of ln between patients
     * 0.50 and between cycles 0.25 — assumptions covering that range, not fitted to a published series.
     */
    public static final DosePerActivityModel MARROW_PUBLISHED = new DosePerActivityModel(
            "marrow",
            0.02,
            0.50,
            0.25,
            0,
            0,
            "published range: marrow 0.01–0.03 Gy/GBq blood-based, median 0.02; between patients 0.50,"
                    + " between cycles 0.25 (assumptions)");

    /**
     * Fits μ, τ and τ_c by maximum likelihood to each patient's per-cycle Gy/GBq. The likelihood is exact: a patient's
     * n values have covariance τ²J + τ_c²I, whose determinant is τ_c^{2(n−1)}(τ_c² + nτ²) and whose quadratic form
     * splits into the within-patient sum of squares over τ_c² and n(x̄ − μ)²/(τ_c² + nτ²). μ given the variances is
     * their weighted mean, so Nelder–Mead (Hipparchus) searches (ln τ, ln τ_c) only.
     *
     * @param gyPerGBqByPatient each patient's measured values, one per cycle
     */
    public static DosePerActivityModel fit(String organ, Map<String, List<Double>> gyPerGBqByPatient, String source) {
        List<double[]> patients = gyPerGBqByPatient.values().stream()
                .map(l -> l.stream()
                        .filter(v -> v != null && v > 0)
                        .mapToDouble(Math::log)
                        .toArray())
                .filter(a -> a.length > 0)
                .toList();
        int cycles = patients.stream().mapToInt(a -> a.length).sum();
        if (patients.size() < 5 || cycles <= patients.size()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "the %s dose-per-activity fit needs at least 5 patients and one patient with two cycles;"
                            + " got %d patients with %d cycles",
                    organ,
                    patients.size(),
                    cycles));
        }
        ObjectiveFunction objective = new ObjectiveFunction(p -> -profileLogLikelihood(patients, p[0], p[1]));
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
        PointValuePair best = optimizer.optimize(
                new MaxEval(10_000),
                objective,
                GoalType.MINIMIZE,
                new InitialGuess(new double[] {Math.log(0.3), Math.log(0.15)}),
                new NelderMeadSimplex(new double[] {0.3, 0.3}));
        double tau = Math.exp(best.getPoint()[0]);
        double tauC = Math.exp(best.getPoint()[1]);
        return new DosePerActivityModel(
                organ,
                Math.exp(weightedMean(patients, tau * tau, tauC * tauC)),
                tau,
                tauC,
                patients.size(),
                cycles,
                source);
    }

    private static double weightedMean(List<double[]> patients, double tau2, double tauC2) {
        double num = 0;
        double den = 0;
        for (double[] x : patients) {
            double w = x.length / (tauC2 + x.length * tau2);
            num += w * mean(x);
            den += w;
        }
        return num / den;
    }

    private static double profileLogLikelihood(List<double[]> patients, double logTau, double logTauC) {
        if (logTau < -12 || logTau > 3 || logTauC < -12 || logTauC > 3) {
            return -1e300;
        }
        double tau2 = Math.exp(2 * logTau);
        double tauC2 = Math.exp(2 * logTauC);
        double mu = weightedMean(patients, tau2, tauC2);
        double ll = 0;
        for (double[] x : patients) {
            int n = x.length;
            double m = mean(x);
            double within = 0;
            for (double v : x) {
                within += (v - m) * (v - m);
            }
            double between = tauC2 + n * tau2;
            ll += -0.5 * (n * Math.log(2 * Math.PI) + (n - 1) * Math.log(tauC2) + Math.log(between))
                    - 0.5 * (within / tauC2 + n * (m - mu) * (m - mu) / between);
        }
        return ll;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /**
     * This patient's own level given their measured cycles (normal–normal on ln Gy/GBq): the mean and SD of ln b for
     * a future cycle's draw, before its own between-cycle term.
     *
     * @return {mean of the patient's ln level, its posterior SD}
     */
    public double[] patientLevel(List<Double> measuredGyPerGBq) {
        double precision = betweenPatientLogSd > 0 ? 1 / (betweenPatientLogSd * betweenPatientLogSd) : 1e12;
        double cyclePrecision = 1 / (betweenCycleLogSd * betweenCycleLogSd);
        double sum = Math.log(typicalGyPerGBq) * precision;
        for (double v : measuredGyPerGBq) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(organ + ": a measured dose per activity must be positive, got " + v);
            }
            sum += Math.log(v) * cyclePrecision;
            precision += cyclePrecision;
        }
        return new double[] {sum / precision, Math.sqrt(1 / precision)};
    }

    /** Whether there is enough data for these values to replace the published default (as for the clearance). */
    public boolean enoughToReplaceDefault() {
        return patients >= FittedClearance.MIN_PATIENTS_TO_REPLACE_DEFAULT
                && cycles >= FittedClearance.MIN_CYCLES_TO_REPLACE_DEFAULT;
    }

    /** The values in words. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s %.3f Gy/GBq, between patients %.2f, between cycles %.2f (%s)",
                organ,
                typicalGyPerGBq,
                betweenPatientLogSd,
                betweenCycleLogSd,
                source);
    }
}

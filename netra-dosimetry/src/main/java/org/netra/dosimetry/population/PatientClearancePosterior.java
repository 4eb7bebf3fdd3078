package org.netra.dosimetry.population;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.netra.physics.quantity.Times;

/**
 * A patient's own clearance of one region from their earlier multi-time-point cycles: the posterior of the
 * patient's level u = μ + η of ln λ under the population model (ln λ_j = u + κ_j, κ ~ N(0, ω_c²); each earlier
 * cycle's scans after the uptake phase log-linear with residual σ, its amplitude free), and from it the prior of
 * the next cycle's ln λ, which keeps the between-cycle variability: N(E[u], Var[u] + ω_c²).
 *
 * <p>The posterior is computed by the same adaptive trapezoid rule over u (and over each cycle's κ) as the NLME fit's
 * likelihood ({@link ClearanceNlmeFit}), so the individual step uses exactly the model the department's population
 * was fitted with, not a linearisation. It is then summarised by its mean and variance: the next cycle's prior is
 * the log-normal with those moments plus ω_c². Where every earlier cycle is measured precisely the posterior is the
 * normal–normal conjugate one, precision 1/ω² + n/ω_c² ({@code PatientClearancePosteriorTest} checks that).
 */
public final class PatientClearancePosterior {
    private PatientClearancePosterior() {}

    /**
     * What the earlier cycles made of the population prior.
     *
     * @param nextCycle the prior of the next cycle's clearance (log-normal, between-cycle SD included)
     * @param cycles the earlier cycles used (those with ≥ 2 scans after the uptake phase)
     * @param patientLogRate the posterior mean of the patient's level of ln λ (per hour)
     * @param patientLogRateSd its posterior SD
     */
    public record Individualised(
            EffectiveHalfLifePrior nextCycle, List<Integer> cycles, double patientLogRate, double patientLogRateSd) {
        public Individualised {
            Objects.requireNonNull(nextCycle, "nextCycle");
            cycles = List.copyOf(cycles);
        }

        /** "cycles 1–2", "cycle 1", "cycles 1, 3". */
        public String cyclesLabel() {
            return PatientClearancePosterior.cyclesLabel(cycles);
        }
    }

    /**
     * The patient's posterior, or empty when none of {@code earlier} has two scans after the uptake phase ({@value
     * ClearanceNlmeFit#UPTAKE_PHASE_HOURS} h) with positive activity.
     *
     * @param population the population prior of the region (typical rate e^μ, between-patient SD ω, and the relative
     *     error of one measured activity, whose log is the residual σ of the earlier cycles' scans)
     * @param betweenCycleLogSd ω_c, how much one cycle's ln λ differs from the patient's level
     * @param earlier the region's earlier cycles of this patient
     */
    public static Optional<Individualised> of(
            EffectiveHalfLifePrior population, double betweenCycleLogSd, List<MeasuredClearance> earlier) {
        Objects.requireNonNull(population, "population");
        if (!(betweenCycleLogSd > 0 && betweenCycleLogSd < 2)) {
            throw new IllegalArgumentException("the between-cycle log SD must be in (0, 2), got " + betweenCycleLogSd);
        }
        var usable = earlier.stream()
                .filter(c -> !ClearanceNlmeFit.usableCycles(List.of(c)).isEmpty())
                .toList();
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        double mu = Math.log(population.typicalRatePerHour());
        // a prior without spread between patients: the patient is the typical one, whatever the cycles say
        double omega = Math.max(population.betweenPatientLogSd(), 1e-6);
        double sigma = Math.max(Math.log1p(population.residualRelativeSd()), 1e-4);
        var nodes = ClearanceNlmeFit.subjectNodes(
                ClearanceNlmeFit.usableCycles(usable), mu, omega, betweenCycleLogSd, sigma);
        double[] u = nodes.u();
        double[] logF = nodes.logIntegrand();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logF) {
            max = Math.max(max, v);
        }
        double w = 0;
        double m1 = 0;
        for (int r = 0; r < u.length; r++) {
            double p = Math.exp(logF[r] - max);
            w += p;
            m1 += p * u[r];
        }
        double mean = m1 / w;
        double m2 = 0;
        for (int r = 0; r < u.length; r++) {
            m2 += Math.exp(logF[r] - max) * (u[r] - mean) * (u[r] - mean);
        }
        double variance = m2 / w;
        double nextSd = Math.sqrt(variance + betweenCycleLogSd * betweenCycleLogSd);
        List<Integer> cycles = List.copyOf(
                new TreeSet<>(usable.stream().map(MeasuredClearance::cycle).toList()));
        var next = new EffectiveHalfLifePrior(
                population.region(),
                Times.ofHours(Math.log(2) / Math.exp(mean)),
                nextSd,
                population.residualRelativeSd(),
                String.format(
                        Locale.ROOT,
                        "%s; individualised on the patient's %s (own T_eff %.1f h, SD of ln λ %.2f; between-cycle SD"
                                + " %.2f kept)",
                        population.source(),
                        cyclesLabel(cycles),
                        Math.log(2) / Math.exp(mean),
                        Math.sqrt(variance),
                        betweenCycleLogSd));
        return Optional.of(new Individualised(next, cycles, mean, Math.sqrt(variance)));
    }

    static String cyclesLabel(List<Integer> cycles) {
        if (cycles.size() == 1) {
            return "cycle " + cycles.get(0);
        }
        boolean consecutive = true;
        for (int i = 1; i < cycles.size(); i++) {
            consecutive &= cycles.get(i) == cycles.get(i - 1) + 1;
        }
        return consecutive
                ? "cycles " + cycles.get(0) + "–" + cycles.getLast()
                : "cycles "
                        + String.join(", ", cycles.stream().map(String::valueOf).toList());
    }
}

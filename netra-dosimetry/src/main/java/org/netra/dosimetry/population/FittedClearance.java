package org.netra.dosimetry.population;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.netra.physics.quantity.Times;

/**
 * A region kind's clearance as the department's own cycles show it: the NLME estimates of {@link
 * ClearanceNlmeFit} with their standard errors and the amount of data behind them.
 *
 * @param region the region kind
 * @param typicalEffectiveHalfLife the median effective half-life (ln 2 / e^μ)
 * @param typicalLogRateSe the standard error of μ = ln λ_typical (≈ the relative SE of the typical half-life)
 * @param betweenPatientLogSd ω, SD of a patient's ln λ around μ
 * @param betweenCycleLogSd ω_c, SD of one cycle's ln λ around the patient's
 * @param betweenCycleEstimated false where no patient had two fitted cycles, so ω_c was held at {@link
 *     EffectiveHalfLifePrior#BETWEEN_CYCLE_LOG_SD}
 * @param residualLogSd σ, SD of one measured ln activity about the patient's curve (≈ relative error)
 * @param patients patients fitted
 * @param cycles cycles fitted
 * @param scans activities used (after the uptake phase)
 * @param minus2LogLikelihood −2 ln L at the estimate (restricted in each cycle's amplitude)
 */
public record FittedClearance(
        RegionKind region,
        Duration typicalEffectiveHalfLife,
        double typicalLogRateSe,
        double betweenPatientLogSd,
        double betweenCycleLogSd,
        boolean betweenCycleEstimated,
        double residualLogSd,
        int patients,
        int cycles,
        int scans,
        double minus2LogLikelihood) {

    /**
     * A region's fitted values replace netra's published defaults only with data from at least this many patients:
     * the SE of an SD estimated from n patients is about SD/√(2n), so 30 patients pin ω within ±13 % — tighter than
     * the spread between the published series it replaces.
     */
    public static final int MIN_PATIENTS_TO_REPLACE_DEFAULT = 30;

    /** …and at least this many multi-time-point cycles (most departments scan every cycle of a patient). */
    public static final int MIN_CYCLES_TO_REPLACE_DEFAULT = 50;

    public FittedClearance {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(typicalEffectiveHalfLife, "typicalEffectiveHalfLife");
    }

    /** Whether there is enough data for these values to replace netra's published default. */
    public boolean enoughToReplaceDefault() {
        return patients >= MIN_PATIENTS_TO_REPLACE_DEFAULT && cycles >= MIN_CYCLES_TO_REPLACE_DEFAULT;
    }

    /** The prior for single-time-point dosimetry these values give. */
    public EffectiveHalfLifePrior asPrior(String fittedWhen) {
        return new EffectiveHalfLifePrior(
                region,
                typicalEffectiveHalfLife,
                betweenPatientLogSd,
                Math.min(0.9, Math.expm1(residualLogSd)),
                describe() + ", " + fittedWhen);
    }

    /** The estimates in words, for the setting's history and the report. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s T_eff %.1f h (±%.1f %%), between patients %.2f, between cycles %.2f%s, residual %.2f"
                        + " — department NLME fit of %d patients, %d cycles, %d scans",
                region.label(),
                Times.hours(typicalEffectiveHalfLife),
                100 * typicalLogRateSe,
                betweenPatientLogSd,
                betweenCycleLogSd,
                betweenCycleEstimated ? "" : " (held: no patient with two cycles)",
                residualLogSd,
                patients,
                cycles,
                scans);
    }
}

package org.netra.dosimetry.population;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.netra.physics.quantity.Times;

/**
 * What is known about a region's effective half-life before its scan: log-normal between patients around
 * a typical (median) value, and the relative error of one quantitative SPECT measurement.
 *
 * <p>The structural model is a mono-exponential after the uptake phase: for 177Lu-DOTATATE kidneys, spleen,
 * liver and tumours the uptake is over within the first day (docs/DOMAIN.md §3) and the late clearance
 * decides the TIA. Its rate λ = ln 2 / T_eff is log-normal: ln λ ~ N(ln λ_typical, ω²), the shape Hou et al.
 * (J Nucl Med 2022) found to fit the published 177Lu-DOTATATE half-life distributions better than a
 * normal one.
 *
 * @param region the region kind
 * @param typicalEffectiveHalfLife the median effective half-life (its rate is the median rate)
 * @param betweenPatientLogSd ω, the SD of ln λ between patients (≈ the coefficient of variation)
 * @param residualRelativeSd the relative SD of one measured activity (quantitative SPECT/CT)
 * @param source where the numbers come from, in words
 */
public record EffectiveHalfLifePrior(
        RegionKind region,
        Duration typicalEffectiveHalfLife,
        double betweenPatientLogSd,
        double residualRelativeSd,
        String source) {

    /**
     * The SD of one quantitative SPECT/CT activity: about 10 % (Staanum et al., EJNMMI Phys 2021;8:78 put
     * the whole kidney procedure at 13 % with three scans; calibration and VOI make most of it).
     */
    public static final double SPECT_RELATIVE_SD = 0.10;

    /**
     * How much a patient's own kidney clearance changes from cycle to cycle (SD of ln λ): 10 %. An assumption
     * consistent with Willowson et al. (EJNMMI Phys 2018), where the cycle-1 half-life applied to a 24 h
     * scan of later cycles was on average 2 % off the full dosimetry; netra-sim's twins repeat within 8 %.
     */
    public static final double BETWEEN_CYCLE_LOG_SD = 0.10;

    public EffectiveHalfLifePrior {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(source, "source");
        if (typicalEffectiveHalfLife == null
                || typicalEffectiveHalfLife.isNegative()
                || typicalEffectiveHalfLife.isZero()) {
            throw new IllegalArgumentException(
                    "the typical effective half-life must be positive, got " + typicalEffectiveHalfLife);
        }
        if (!(betweenPatientLogSd >= 0 && betweenPatientLogSd < 2)) {
            throw new IllegalArgumentException(
                    "the between-patient log SD must be in [0, 2), got " + betweenPatientLogSd);
        }
        if (!(residualRelativeSd >= 0 && residualRelativeSd < 1)) {
            throw new IllegalArgumentException("the residual relative SD must be in [0, 1), got " + residualRelativeSd);
        }
    }

    /**
     * netra's default prior for 177Lu-DOTATATE. The typical values and spreads are working figures inside the
     * published ranges named in docs/DOMAIN.md §3 ("Population priors for one scan"); each department should replace them by
     * its own (the NLME refit of issue 19, not built yet).
     */
    public static EffectiveHalfLifePrior lu177Dotatate(RegionKind region) {
        return switch (region) {
            // netra's expected kidney T_eff (CycleOptions.DEFAULT_EXPECTED_TEFF) and Hou 2022's log-normal shape
            case KIDNEY -> of(region, 50, 0.20, "kidney T_eff ≈ 50 h, CV ≈ 20 % (Hänscheid 2018; Hou 2022)");
            case SPLEEN -> of(region, 65, 0.20, "spleen T_eff ≈ 65 h, CV ≈ 20 % (Hou 2022)");
            case LIVER -> of(region, 70, 0.25, "normal liver T_eff ≈ 70 h, CV ≈ 25 % (Hou 2022)");
            case TUMOUR -> of(region, 80, 0.35, "NET lesion T_eff ≈ 80 h, CV ≈ 35 % (Hänscheid 2018; Hou 2022)");
            // blood and marrow are bi-exponential; this is the late phase only (an assumption, said in the output)
            case MARROW_BLOOD -> of(region, 40, 0.35, "marrow/blood late-phase T_eff ≈ 40 h, CV ≈ 35 % (assumption)");
            case WHOLE_BODY -> of(region, 55, 0.20, "whole-body late T_eff ≈ 55 h, CV ≈ 20 % (Sandström 2013 range)");
        };
    }

    private static EffectiveHalfLifePrior of(RegionKind region, double hours, double logSd, String source) {
        return new EffectiveHalfLifePrior(region, Times.ofHours(hours), logSd, SPECT_RELATIVE_SD, source);
    }

    /** The median clearance rate, per hour. */
    public double typicalRatePerHour() {
        return Math.log(2) / Times.hours(typicalEffectiveHalfLife);
    }

    /**
     * The prior for this patient's next cycle, given the effective half-lives measured (by multi-time-point
     * fits) in their earlier cycles. Normal–normal conjugacy on ln λ: the patient's own level is the
     * precision-weighted mean of the population median (variance ω²) and the n measurements (each off the
     * patient's level by the between-cycle SD σ_c); the next cycle adds σ_c² again:
     * mean = (ln λ_pop/ω² + Σ ln λ_k/σ_c²) / (1/ω² + n/σ_c²), SD² = 1/(1/ω² + n/σ_c²) + σ_c².
     */
    public EffectiveHalfLifePrior individualised(List<Duration> earlierCycles, double betweenCycleLogSd) {
        if (earlierCycles.isEmpty()) {
            return this;
        }
        if (!(betweenCycleLogSd > 0 && betweenCycleLogSd < 2)) {
            throw new IllegalArgumentException("the between-cycle log SD must be in (0, 2), got " + betweenCycleLogSd);
        }
        double popPrecision = betweenPatientLogSd > 0 ? 1 / (betweenPatientLogSd * betweenPatientLogSd) : 1e12;
        double cyclePrecision = 1 / (betweenCycleLogSd * betweenCycleLogSd);
        double sum = Math.log(typicalRatePerHour()) * popPrecision;
        for (Duration t : earlierCycles) {
            if (t == null || t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("an earlier cycle's effective half-life must be positive, got " + t);
            }
            sum += Math.log(Math.log(2) / Times.hours(t)) * cyclePrecision;
        }
        double precision = popPrecision + earlierCycles.size() * cyclePrecision;
        double logRate = sum / precision;
        double sd = Math.sqrt(1 / precision + betweenCycleLogSd * betweenCycleLogSd);
        return new EffectiveHalfLifePrior(
                region,
                Times.ofHours(Math.log(2) / Math.exp(logRate)),
                sd,
                residualRelativeSd,
                source + "; narrowed by the patient's " + earlierCycles.size() + " earlier cycle(s)");
    }

    /**
     * The scan time that minimises the variance of ln TIA under this prior. With λ = λ₀e^{ωη}, ln TIA = ln A +
     * λt − ln λ, and x = λ₀t: Var = x²e^{ω²}(e^{ω²}−1) − 2xω²e^{ω²/2} + ω² (the moments of a log-normal and
     * Cov(e^{ωη}, η) = ωe^{ω²/2}). Its minimum is at x* = ω²e^{−ω²/2}/(e^{ω²}−1), which tends to 1 as ω → 0:
     * t* ≈ 1/λ₀ = T_eff/ln 2, the first-order result (d(λt − ln λ)/d ln λ = λt − 1 vanishes at t = 1/λ).
     */
    public Duration recommendedScanTime() {
        double w2 = betweenPatientLogSd * betweenPatientLogSd;
        double x = w2 < 1e-12 ? 1 : w2 * Math.exp(-w2 / 2) / Math.expm1(w2);
        return Times.ofHours(x / typicalRatePerHour());
    }

    /** The relative SD of the TIA (SD of ln TIA) from the half-life alone, for one scan at {@code hours}. */
    public double clearanceLogSdAt(double hours) {
        double w2 = betweenPatientLogSd * betweenPatientLogSd;
        double x = typicalRatePerHour() * hours;
        double variance = x * x * Math.exp(w2) * Math.expm1(w2) - 2 * x * w2 * Math.exp(w2 / 2) + w2;
        return Math.sqrt(Math.max(0, variance));
    }
}

package org.netra.dosimetry.kinetics;

import java.time.Duration;
import java.util.List;
import org.netra.physics.nuclide.Nuclide;

/**
 * The choices behind a time-integrated activity.
 *
 * @param physicalHalfLife the nuclide's: no fitted clearance may be slower, and tails decay with it
 * @param candidates the model families competing by AICc
 * @param weighting how the fit weights the time points
 * @param aiccPreferenceWindow a model with fewer parameters is preferred when its AICc is within this of the best
 *     (2, Burnham and Anderson 2002; Glatting et al., Med Phys 2007;34:4285)
 * @param aiccCountsVariance count the residual variance as a parameter in AICc (K = parameters + 1, as
 *     Burnham and Anderson do for least squares) or not (K = parameters)
 * @param tail what a fitted model does after the last time point
 * @param singlePoint the method for a single time point
 */
public record KineticsSettings(
        Duration physicalHalfLife,
        List<ModelKind> candidates,
        Weighting weighting,
        double aiccPreferenceWindow,
        boolean aiccCountsVariance,
        Tail tail,
        SinglePointMethod singlePoint) {

    public static final double DEFAULT_AICC_PREFERENCE_WINDOW = 2.0;

    public KineticsSettings {
        Models.positive(physicalHalfLife, "physical half-life");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new KineticsException("give at least one candidate model");
        }
        if (!(aiccPreferenceWindow >= 0) || Double.isInfinite(aiccPreferenceWindow)) {
            throw new KineticsException(
                    "the AICc preference window must be a finite number ≥ 0, got " + aiccPreferenceWindow);
        }
    }

    /**
     * Defaults for {@code nuclide}: every model family, relative weighting, ΔAICc 2 with the variance counted,
     * the model's own tail, Hänscheid for a single time point.
     */
    public static KineticsSettings of(Nuclide nuclide) {
        return new KineticsSettings(
                nuclide.halfLife(),
                List.of(ModelKind.values()),
                Weighting.RELATIVE,
                DEFAULT_AICC_PREFERENCE_WINDOW,
                true,
                Tail.MODEL,
                new SinglePointMethod.Haenscheid());
    }

    public KineticsSettings withCandidates(List<ModelKind> kinds) {
        return new KineticsSettings(
                physicalHalfLife, kinds, weighting, aiccPreferenceWindow, aiccCountsVariance, tail, singlePoint);
    }

    public KineticsSettings withWeighting(Weighting w) {
        return new KineticsSettings(
                physicalHalfLife, candidates, w, aiccPreferenceWindow, aiccCountsVariance, tail, singlePoint);
    }

    public KineticsSettings withTail(Tail t) {
        return new KineticsSettings(
                physicalHalfLife, candidates, weighting, aiccPreferenceWindow, aiccCountsVariance, t, singlePoint);
    }

    public KineticsSettings withSinglePoint(SinglePointMethod m) {
        return new KineticsSettings(
                physicalHalfLife, candidates, weighting, aiccPreferenceWindow, aiccCountsVariance, tail, m);
    }

    public KineticsSettings withAiccCountsVariance(boolean counts) {
        return new KineticsSettings(
                physicalHalfLife, candidates, weighting, aiccPreferenceWindow, counts, tail, singlePoint);
    }

    public double physicalRatePerHour() {
        return ModelKind.ratePerHour(physicalHalfLife);
    }
}

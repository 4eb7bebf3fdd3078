package org.netra.dosimetry.kinetics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * A time-integrated activity and everything that explains it.
 *
 * @param method how it was computed (the fitted model, trapezoid, single point)
 * @param rule the rule that chose the method
 * @param why the rule in words, with the numbers that decided (AICc values, ratios)
 * @param timeIntegratedActivity Ã from injection to infinity
 * @param standardDeviation 1 SD of Ã from the fit covariance or the points' standard deviations; empty when
 *     neither is known
 * @param effectiveHalfLife the half-life of the terminal phase (for a physical-decay tail, the physical one)
 * @param candidates every model family tried, with its diagnostics or why it failed
 */
public record TiaResult(
        TiaMethod method,
        SelectionRule rule,
        String why,
        TimeIntegratedActivity timeIntegratedActivity,
        Optional<TimeIntegratedActivity> standardDeviation,
        Duration effectiveHalfLife,
        List<CandidateFit> candidates) {
    public TiaResult {
        candidates = List.copyOf(candidates);
    }
}

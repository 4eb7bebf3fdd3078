package org.netra.dosimetry.population;

import java.time.Duration;
import java.util.Objects;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * A single-time-point TIA from the population model with its 90 % credible interval.
 *
 * @param median the posterior median (the estimate reported)
 * @param lower90 the 5th percentile
 * @param upper90 the 95th percentile
 * @param prior the prior used
 * @param scanTime when the one scan was taken
 */
public record StpEstimate(
        TimeIntegratedActivity median,
        TimeIntegratedActivity lower90,
        TimeIntegratedActivity upper90,
        EffectiveHalfLifePrior prior,
        Duration scanTime) {
    public StpEstimate {
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(lower90, "lower90");
        Objects.requireNonNull(upper90, "upper90");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(scanTime, "scanTime");
    }

    /** Whether {@code truth} lies inside the 90 % interval. */
    public boolean covers(TimeIntegratedActivity truth) {
        return truth.compareTo(lower90) >= 0 && truth.compareTo(upper90) <= 0;
    }

    /** The assumptions behind the number, in words, for the report. */
    public String assumptions() {
        return String.format(
                java.util.Locale.ROOT,
                "population single time point at %.1f h: mono-exponential clearance after uptake; %s; "
                        + "effective half-life log-normal, median %.0f h, SD of ln λ %.2f; measured activity ±%.0f %%; "
                        + "one scan fixes only the amplitude, so the half-life is the prior's; recommended scan %.0f h",
                Times.hours(scanTime),
                prior.source(),
                Times.hours(prior.typicalEffectiveHalfLife()),
                prior.betweenPatientLogSd(),
                prior.residualRelativeSd() * 100,
                Times.hours(prior.recommendedScanTime()));
    }

    /** The same estimate for {@code factor} times the activity (the TIA is linear in it). */
    public StpEstimate scaled(double factor) {
        return new StpEstimate(
                TimeIntegratedActivity.ofMBqHours(median.inMBqHours() * factor),
                TimeIntegratedActivity.ofMBqHours(lower90.inMBqHours() * factor),
                TimeIntegratedActivity.ofMBqHours(upper90.inMBqHours() * factor),
                prior,
                scanTime);
    }
}

package org.netra.clinical.therapy;

import java.util.List;
import java.util.Objects;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/**
 * The predicted rest of a course after its latest dosimetry ({@link CourseForecaster}): the spread of cumulative
 * kidney BED and marrow dose after each remaining planned cycle, the probability of crossing each limit, and the
 * largest next activity whose risk stays under the department's level.
 *
 * @param cyclesGiven cycles with dosimetry so far
 * @param kidneyBed cumulative kidney BED: the measured value after the last given cycle, then the predictive
 *     bands after each planned one (no measured value before the first cycle: {@code cyclesGiven} 0)
 * @param marrowDose cumulative marrow dose, likewise
 * @param kidneyBedLimit the limit the probabilities refer to
 * @param marrowLimit the marrow limit
 * @param kidneyOverLimitByPlanEnd P(cumulative kidney BED &gt; limit after the last planned cycle)
 * @param marrowOverLimitByPlanEnd P(cumulative marrow dose &gt; limit after the last planned cycle)
 * @param eitherOverLimitByPlanEnd P(either limit crossed after the last planned cycle), from the joint draws
 * @param riskLevel the department's accepted probability of crossing a limit with the next cycle
 * @param largestNextActivity the largest next activity with P(crossing either limit after it) ≤ riskLevel (zero if
 *     even a tiny one would not do; capped at {@link CourseForecaster#SEARCH_CEILING_GBQ})
 * @param nextActivityLimitedBy which organ bounds it ("kidney", "marrow", or "none" at the ceiling)
 * @param draws Monte Carlo draws behind the figures
 * @param assumptions what the prediction rests on, in words
 */
public record CourseForecast(
        int cyclesGiven,
        List<DoseBand> kidneyBed,
        List<DoseBand> marrowDose,
        AbsorbedDose kidneyBedLimit,
        AbsorbedDose marrowLimit,
        double kidneyOverLimitByPlanEnd,
        double marrowOverLimitByPlanEnd,
        double eitherOverLimitByPlanEnd,
        double riskLevel,
        Activity largestNextActivity,
        String nextActivityLimitedBy,
        int draws,
        String assumptions) {

    public CourseForecast {
        kidneyBed = List.copyOf(kidneyBed);
        marrowDose = List.copyOf(marrowDose);
        Objects.requireNonNull(largestNextActivity, "largestNextActivity");
        Objects.requireNonNull(assumptions, "assumptions");
    }

    /**
     * The predictive distribution of a cumulative dose after one cycle: its 5th, 25th, 50th, 75th and 95th
     * percentiles (all equal for a cycle already measured).
     *
     * @param cycle the cycle number after which the cumulative dose is taken
     * @param activity that cycle's planned (or given) activity
     * @param measured whether this is a measured value rather than a prediction
     */
    public record DoseBand(
            int cycle,
            Activity activity,
            boolean measured,
            AbsorbedDose p05,
            AbsorbedDose p25,
            AbsorbedDose p50,
            AbsorbedDose p75,
            AbsorbedDose p95) {
        /** Whether {@code truth} lies in the 90 % predictive interval. */
        public boolean covers(AbsorbedDose truth) {
            return truth.compareTo(p05) >= 0 && truth.compareTo(p95) <= 0;
        }
    }

    /** The band after the last planned cycle. */
    public DoseBand kidneyAtPlanEnd() {
        return kidneyBed.get(kidneyBed.size() - 1);
    }

    public DoseBand marrowAtPlanEnd() {
        return marrowDose.get(marrowDose.size() - 1);
    }
}

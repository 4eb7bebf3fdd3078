package org.netra.dosimetry.kinetics;

import java.time.Duration;
import java.util.Optional;
import org.netra.physics.quantity.Activity;

/**
 * One measurement of a time–activity curve: the activity in a region {@code afterInjection}, with its
 * standard deviation where known (used as the fit weight and propagated into the TIA).
 */
public record TimePoint(Duration afterInjection, Activity activity, Optional<Activity> standardDeviation) {
    public TimePoint {
        if (afterInjection == null || activity == null || standardDeviation == null) {
            throw new KineticsException("a time point needs its time after injection and its activity");
        }
        if (afterInjection.isNegative() || afterInjection.isZero()) {
            throw new KineticsException("a time point must be after injection, got " + afterInjection
                    + "; check the injection time and the acquisition time of the image");
        }
        if (standardDeviation.isPresent() && standardDeviation.get().inBq() == 0) {
            throw new KineticsException("the standard deviation of the time point at " + afterInjection
                    + " is zero; give a positive one, or none to weight the fit by the chosen Weighting");
        }
    }

    public static TimePoint of(Duration afterInjection, Activity activity) {
        return new TimePoint(afterInjection, activity, Optional.empty());
    }

    public static TimePoint of(Duration afterInjection, Activity activity, Activity standardDeviation) {
        return new TimePoint(afterInjection, activity, Optional.of(standardDeviation));
    }
}

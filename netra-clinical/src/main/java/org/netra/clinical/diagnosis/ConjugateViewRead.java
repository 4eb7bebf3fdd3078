package org.netra.clinical.diagnosis;

import java.time.Duration;
import java.util.Objects;
import org.netra.physics.quantity.Activity;

/**
 * A lesion quantified on planar MIBG (or other) scintigraphy by conjugate views, as read: the counts in the
 * region on the anterior and posterior views over the acquisition time, the effective attenuation
 * coefficient and patient thickness used, the camera's calibration, and the activity netra-imaging's
 * {@code ConjugateView} gave from them (MIRD Pamphlet 16).
 */
public record ConjugateViewRead(
        String lesionId,
        double anteriorCounts,
        double posteriorCounts,
        Duration acquisition,
        double muPerCm,
        double thicknessCm,
        double cpsPerMBq,
        Activity activity) {
    public ConjugateViewRead {
        if (lesionId == null || lesionId.isBlank()) {
            throw new IllegalArgumentException("a conjugate-view read names its lesion");
        }
        Objects.requireNonNull(acquisition, "acquisition time");
        Objects.requireNonNull(activity, "activity");
        if (acquisition.isNegative() || acquisition.isZero()) {
            throw new IllegalArgumentException("the acquisition time must be positive, got " + acquisition);
        }
    }
}

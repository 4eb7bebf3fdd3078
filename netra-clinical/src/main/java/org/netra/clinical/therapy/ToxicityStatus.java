package org.netra.clinical.therapy;

import java.time.Period;
import java.util.Objects;
import org.netra.clinical.followup.CtcaeGrade;

/**
 * What the dose-modification rules read before the next cycle: the worst grades since the last cycle
 * and the grades now, renal function now and at its worst, how long the cycle is already delayed, and
 * whether an earlier cycle was already reduced for toxicity.
 */
public record ToxicityStatus(
        CtcaeGrade worstPlatelets,
        CtcaeGrade worstOtherHaematological,
        CtcaeGrade currentPlatelets,
        CtcaeGrade currentOtherHaematological,
        double worstCreatinineClearanceMlPerMin,
        double worstCreatinineIncrease,
        double currentCreatinineClearanceMlPerMin,
        double currentCreatinineIncrease,
        Period delay,
        boolean reducedBefore) {
    public ToxicityStatus {
        Objects.requireNonNull(worstPlatelets);
        Objects.requireNonNull(worstOtherHaematological);
        Objects.requireNonNull(currentPlatelets);
        Objects.requireNonNull(currentOtherHaematological);
        Objects.requireNonNull(delay);
    }
}

package org.netra.clinical.followup;

import java.time.Period;
import org.netra.clinical.patient.Length;

/**
 * RECIST 1.1 thresholds (Eisenhauer et al., Eur J Cancer 2009;45:228). They are the standard's, kept
 * together so a protocol amendment (e.g. a longer confirmation interval) is one place.
 */
public record RecistRules(
        Length minMeasurableLesion,
        Length minMeasurableNodeShortAxis,
        Length minPathologicalNodeShortAxis,
        int maxTargets,
        int maxTargetsPerOrgan,
        double partialResponseDecrease,
        double progressionIncrease,
        Length progressionAbsoluteIncrease,
        Length tooSmallToMeasure,
        boolean confirmationRequired,
        Period confirmationInterval,
        Period minimumStableDiseaseDuration) {
    /**
     * §3.1: measurable ≥ 10 mm (CT slice ≤ 5 mm), nodes ≥ 15 mm short axis, nodes 10–15 mm pathological
     * non-target; §3.3: ≤ 5 targets, ≤ 2 per organ; §4.3.1: PR −30 % vs baseline, PD +20 % over nadir and
     * ≥ 5 mm; §4.3.2 note: "too small to measure" counts 5 mm; §4.6: confirmation ≥ 4 weeks (required in
     * non-randomised trials), SD at least 6–8 weeks from baseline (here 6).
     */
    public static final RecistRules V1_1 = new RecistRules(
            Length.ofMm(10),
            Length.ofMm(15),
            Length.ofMm(10),
            5,
            2,
            0.30,
            0.20,
            Length.ofMm(5),
            Length.ofMm(5),
            false,
            Period.ofWeeks(4),
            Period.ofWeeks(6));

    public RecistRules withConfirmation(boolean required) {
        return new RecistRules(
                minMeasurableLesion,
                minMeasurableNodeShortAxis,
                minPathologicalNodeShortAxis,
                maxTargets,
                maxTargetsPerOrgan,
                partialResponseDecrease,
                progressionIncrease,
                progressionAbsoluteIncrease,
                tooSmallToMeasure,
                required,
                confirmationInterval,
                minimumStableDiseaseDuration);
    }
}

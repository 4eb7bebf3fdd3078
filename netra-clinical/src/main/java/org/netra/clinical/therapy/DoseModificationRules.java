package org.netra.clinical.therapy;

import java.time.Period;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.physics.quantity.Activity;

/**
 * The label's dose-modification rules (Lutathera SmPC, docs/DOMAIN.md §1, marked confirm there):
 * platelets grade ≥ 2 or another haematological toxicity grade ≥ 3 → withhold until grade ≤ 1, resume
 * at 3.7 GBq; renal toxicity (CrCl &lt; 40 mL/min or creatinine +40 %) → withhold until recovered, resume
 * at 3.7 GBq; stop if the cycle is delayed ≥ 16 weeks or the toxicity recurs at the reduced activity.
 */
public record DoseModificationRules(
        CtcaeGrade plateletWithholdGrade,
        CtcaeGrade otherHaematologicalWithholdGrade,
        CtcaeGrade resumeAtOrBelow,
        double renalClearanceLimitMlPerMin,
        double creatinineIncreaseLimit,
        Activity reducedActivity,
        Period maxDelay) {
    public static final DoseModificationRules LABEL = new DoseModificationRules(
            CtcaeGrade.G2, CtcaeGrade.G3, CtcaeGrade.G1, 40, 0.40, Activity.ofGBq(3.7), Period.ofWeeks(16));
}

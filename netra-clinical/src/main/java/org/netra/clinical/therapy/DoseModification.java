package org.netra.clinical.therapy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.physics.quantity.Activity;

/** Applies {@link DoseModificationRules} to a {@link ToxicityStatus}. */
public final class DoseModification {
    private final DoseModificationRules rules;

    public DoseModification(DoseModificationRules rules) {
        this.rules = rules;
    }

    public DoseDecision decide(ToxicityStatus s, Activity planned) {
        long delayDays = s.delay().toTotalMonths() * 30 + s.delay().getDays();
        long maxDays = rules.maxDelay().toTotalMonths() * 30 + rules.maxDelay().getDays();
        if (delayDays >= maxDays) {
            return new DoseDecision.Discontinue(
                    List.of("cycle delayed " + delayDays / 7 + " weeks (stop at ≥ " + maxDays / 7 + ")"));
        }
        List<String> toxic = new ArrayList<>();
        if (s.worstPlatelets().atLeast(rules.plateletWithholdGrade())) {
            toxic.add("thrombocytopenia grade " + s.worstPlatelets().number());
        }
        if (s.worstOtherHaematological().atLeast(rules.otherHaematologicalWithholdGrade())) {
            toxic.add("haematological toxicity grade "
                    + s.worstOtherHaematological().number());
        }
        if (renalToxic(s.worstCreatinineClearanceMlPerMin(), s.worstCreatinineIncrease())) {
            toxic.add(String.format(
                    Locale.ROOT,
                    "renal toxicity (CrCl %.0f mL/min, creatinine %+.0f %%)",
                    s.worstCreatinineClearanceMlPerMin(),
                    100 * s.worstCreatinineIncrease()));
        }
        if (toxic.isEmpty()) {
            return new DoseDecision.Proceed(planned, List.of("no dose-limiting toxicity since the last cycle"));
        }
        if (s.reducedBefore()) {
            List<String> why = new ArrayList<>(toxic);
            why.add("toxicity recurred after a reduced cycle");
            return new DoseDecision.Discontinue(List.copyOf(why));
        }
        boolean resolved = !s.currentPlatelets().atLeast(next(rules.resumeAtOrBelow()))
                && !s.currentOtherHaematological().atLeast(next(rules.resumeAtOrBelow()))
                && !renalToxic(s.currentCreatinineClearanceMlPerMin(), s.currentCreatinineIncrease());
        Activity reduced = planned.compareTo(rules.reducedActivity()) < 0 ? planned : rules.reducedActivity();
        if (!resolved) {
            List<String> why = new ArrayList<>(toxic);
            why.add("withhold until haematological grade ≤ "
                    + rules.resumeAtOrBelow().number() + " and renal function recovered");
            return new DoseDecision.Withhold(reduced, List.copyOf(why));
        }
        List<String> why = new ArrayList<>(toxic);
        why.add("resolved: resume at the reduced activity");
        return new DoseDecision.Proceed(reduced, List.copyOf(why));
    }

    private boolean renalToxic(double crcl, double increase) {
        return crcl < rules.renalClearanceLimitMlPerMin() || increase >= rules.creatinineIncreaseLimit();
    }

    private static org.netra.clinical.followup.CtcaeGrade next(org.netra.clinical.followup.CtcaeGrade g) {
        return org.netra.clinical.followup.CtcaeGrade.of(Math.min(5, g.number() + 1));
    }
}

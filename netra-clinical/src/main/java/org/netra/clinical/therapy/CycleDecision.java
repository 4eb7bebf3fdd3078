package org.netra.clinical.therapy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.physics.quantity.Activity;

/**
 * The decision for the next cycle, weighing the dosimetry budget ({@link ContinuationAdvice}) and the
 * toxicity rules ({@link DoseDecision}) together: either may stop the course, and the next activity is the
 * lower of the two proposals.
 */
public sealed interface CycleDecision {
    /** The cycle decided on. */
    int cycle();

    List<String> reasons();

    /** Give the cycle at the standard activity. */
    record Continue(int cycle, Activity activity, List<String> reasons) implements CycleDecision {}

    /**
     * Give the cycle at a reduced activity; {@code waitForRecovery} when toxicity must resolve first.
     */
    record Adjust(int cycle, Activity activity, boolean waitForRecovery, List<String> reasons)
            implements CycleDecision {}

    /** No further cycle. */
    record Stop(int cycle, List<String> reasons) implements CycleDecision {}

    static CycleDecision decide(
            int cycle, ContinuationAdvice dosimetry, DoseDecision toxicity, ContinuationConfig config) {
        List<String> reasons = new ArrayList<>();
        var b = dosimetry.budget();
        reasons.add(String.format(
                Locale.ROOT,
                "after %d cycle(s): cumulative kidney BED %.2f Gy of %.1f Gy, marrow %.2f Gy of %.1f Gy",
                b.cyclesGiven(),
                b.cumulativeKidneyBed().inGy(),
                b.kidneyBedLimit().inGy(),
                b.cumulativeMarrowDose().inGy(),
                b.marrowLimit().inGy()));
        boolean stop = false;
        Activity byDosimetry = null;
        switch (dosimetry) {
            case ContinuationAdvice.Stop s -> {
                stop = true;
                reasons.addAll(s.reasons());
            }
            case ContinuationAdvice.Continue c -> {
                byDosimetry = c.nextActivity();
                reasons.add(String.format(
                        Locale.ROOT,
                        "dosimetry allows %.2f GBq%s: kidney BED %.2f Gy and marrow %.2f Gy after it; %d further"
                                + " cycle(s) predicted",
                        c.nextActivity().inGBq(),
                        c.limitedBy() == ContinuationAdvice.Limit.NONE
                                ? " (standard)"
                                : " (limited by " + c.limitedBy().name().toLowerCase(Locale.ROOT) + ")",
                        c.projectedKidneyBed().inGy(),
                        c.projectedMarrowDose().inGy(),
                        c.furtherCycles()));
            }
        }
        Activity byToxicity = null;
        boolean wait = false;
        switch (toxicity) {
            case DoseDecision.Discontinue d -> {
                stop = true;
                reasons.addAll(d.reasons());
            }
            case DoseDecision.Proceed p -> {
                byToxicity = p.activity();
                reasons.addAll(p.reasons());
            }
            case DoseDecision.Withhold w -> {
                byToxicity = w.resumeActivity();
                wait = true;
                reasons.addAll(w.reasons());
            }
        }
        if (stop) {
            return new Stop(cycle, List.copyOf(reasons));
        }
        Activity next = byDosimetry.compareTo(byToxicity) <= 0 ? byDosimetry : byToxicity;
        if (!wait && next.compareTo(config.standardActivity()) >= 0) {
            return new Continue(cycle, next, List.copyOf(reasons));
        }
        return new Adjust(cycle, next, wait, List.copyOf(reasons));
    }
}

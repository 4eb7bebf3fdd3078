package org.netra.clinical.therapy;

import java.util.List;
import org.netra.physics.quantity.Activity;

/** What to do with the next cycle after toxicity. */
public sealed interface DoseDecision {
    List<String> reasons();

    record Proceed(Activity activity, List<String> reasons) implements DoseDecision {}

    /** Wait until the toxicity has resolved, then give {@code resumeActivity}. */
    record Withhold(Activity resumeActivity, List<String> reasons) implements DoseDecision {}

    record Discontinue(List<String> reasons) implements DoseDecision {}
}

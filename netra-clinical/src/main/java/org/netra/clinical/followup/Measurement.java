package org.netra.clinical.followup;

import org.netra.clinical.patient.Length;

/** A target lesion at a follow-up (RECIST 1.1 §4.3.2 on lesions too small to measure or gone). */
public sealed interface Measurement {
    record Measured(Length size) implements Measurement {}

    /** Present but too small to measure reliably: counts as the rules' default (5 mm). */
    record TooSmallToMeasure() implements Measurement {}

    /** Gone: counts 0 mm. */
    record Disappeared() implements Measurement {}

    /** Not assessed at this time point: the target response is not evaluable. */
    record NotEvaluated() implements Measurement {}
}

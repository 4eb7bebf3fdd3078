package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.eligibility.Verdict;

/** An eligibility verdict as it was given, every criterion with its value, threshold, source and date. */
public record EligibilityAssessment(String id, String patientId, Verdict verdict, String note) {
    public EligibilityAssessment {
        Keys.require(id, patientId, "eligibility assessment");
        Objects.requireNonNull(verdict, "verdict of " + id);
        note = note == null ? "" : note;
    }
}

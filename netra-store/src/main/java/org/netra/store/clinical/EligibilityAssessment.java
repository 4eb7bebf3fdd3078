package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.eligibility.Verdict;

/**
 * An eligibility verdict as it was given, every criterion with its value, threshold, source and date, and
 * the version of the department's eligibility settings it was made with (0: netra's defaults).
 */
public record EligibilityAssessment(String id, String patientId, Verdict verdict, String note, int settingsVersion) {
    public EligibilityAssessment {
        Keys.require(id, patientId, "eligibility assessment");
        Objects.requireNonNull(verdict, "verdict of " + id);
        note = note == null ? "" : note;
        if (settingsVersion < 0) {
            throw new IllegalArgumentException("eligibility " + id + ": settings version " + settingsVersion);
        }
    }

    /** A verdict made with netra's default limits. */
    public EligibilityAssessment(String id, String patientId, Verdict verdict, String note) {
        this(id, patientId, verdict, note, 0);
    }
}

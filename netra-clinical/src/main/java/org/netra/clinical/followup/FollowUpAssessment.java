package org.netra.clinical.followup;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** One follow-up time point: every target's measurement, the non-targets, and whether a new lesion appeared. */
public record FollowUpAssessment(
        LocalDate date, Map<String, Measurement> targets, NonTargetStatus nonTargets, boolean newLesion) {
    public FollowUpAssessment {
        Objects.requireNonNull(date, "date");
        targets = Map.copyOf(targets);
        Objects.requireNonNull(nonTargets, "non-target status");
    }
}

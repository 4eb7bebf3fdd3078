package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import org.netra.clinical.followup.FollowUpAssessment;
import org.netra.clinical.followup.Recist;
import org.netra.clinical.followup.Response;

/** RECIST 1.1 for one patient: the baseline, the measurements at each follow-up, the responses and the best. */
public record ResponseRecord(
        String id,
        String patientId,
        Recist.Baseline baseline,
        List<FollowUpAssessment> assessments,
        List<Recist.TimePoint> timePoints,
        Response best) {
    public ResponseRecord {
        Keys.require(id, patientId, "response assessment");
        Objects.requireNonNull(baseline, "baseline of " + id);
        assessments = assessments == null ? List.of() : List.copyOf(assessments);
        timePoints = timePoints == null ? List.of() : List.copyOf(timePoints);
        Objects.requireNonNull(best, "best response of " + id);
    }
}

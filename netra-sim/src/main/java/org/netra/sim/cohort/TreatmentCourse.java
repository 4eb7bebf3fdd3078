package org.netra.sim.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.followup.FollowUpAssessment;
import org.netra.clinical.followup.Recist;
import org.netra.clinical.followup.Response;
import org.netra.clinical.followup.ToxicityAssessment;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.PrrtPlan;

/**
 * A synthetic patient's PRRT and what followed: the cycles given with their dosimetry, why cycles stopped,
 * the toxicity over the course, the RECIST baseline and follow-ups, the best response (empty when no
 * assessment took place: death before the first), and the dates of
 * progression, death and the last follow-up (the data cut-off for those alive).
 */
public record TreatmentCourse(
        PrrtPlan plan,
        List<CycleDosimetry> dosimetry,
        String stopReason,
        List<ToxicityAssessment.TermSummary> toxicity,
        Recist.Baseline baseline,
        List<FollowUpAssessment> followUps,
        Response bestRecist,
        double bestShrinkage,
        Optional<PublishedResponse> bestResponse,
        LocalDate start,
        Optional<LocalDate> progression,
        Optional<LocalDate> death,
        LocalDate lastFollowUp) {
    public TreatmentCourse {
        dosimetry = List.copyOf(dosimetry);
        toxicity = List.copyOf(toxicity);
        followUps = List.copyOf(followUps);
    }

    public int cycles() {
        return dosimetry.size();
    }
}

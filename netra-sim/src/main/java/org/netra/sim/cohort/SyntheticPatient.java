package org.netra.sim.cohort;

import java.time.LocalDate;
import java.util.Optional;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.eligibility.Verdict;

/**
 * One synthetic patient as netra-clinical objects: the candidate (patient, tumour, prior lines, labs through
 * the whole course, performance, diagnostic imaging with Krenning scores), the eligibility verdict at
 * screening, and the course of PRRT when the patient was treated.
 */
public record SyntheticPatient(
        Candidate candidate, LocalDate screening, Verdict eligibility, Optional<TreatmentCourse> course) {
    public String id() {
        return candidate.patient().id();
    }

    public boolean treated() {
        return course.isPresent();
    }
}

package org.netra.clinical.eligibility;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;

/**
 * What the eligibility check reads about a patient. {@code pregnant} is empty when not recorded (for a
 * woman of child-bearing age that asks for a test).
 */
public record Candidate(
        Patient patient,
        PrimaryTumour tumour,
        List<PriorTreatment> priorTreatments,
        LabHistory labs,
        List<Dated<PerformanceStatus>> performance,
        List<ImagingStudy> imaging,
        Optional<Boolean> pregnant,
        boolean breastfeeding) {
    public Candidate {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(tumour, "tumour");
        priorTreatments = priorTreatments == null ? List.of() : List.copyOf(priorTreatments);
        labs = labs == null ? new LabHistory(List.of()) : labs;
        performance = performance == null ? List.of() : List.copyOf(performance);
        imaging = imaging == null ? List.of() : List.copyOf(imaging);
        pregnant = pregnant == null ? Optional.empty() : pregnant;
    }
}

package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.PriorTreatment;

/**
 * The patient as the department keeps them: identity and body measures, the primary tumour (site, grade,
 * Ki-67 with its date), prior treatments, performance status over time, and pregnancy/breastfeeding.
 * {@code pregnant} is empty when not recorded.
 */
public record PatientRecord(
        Patient patient,
        String name,
        PrimaryTumour tumour,
        List<PriorTreatment> priorTreatments,
        List<Dated<PerformanceStatus>> performance,
        Optional<Boolean> pregnant,
        boolean breastfeeding) {
    public PatientRecord {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(tumour, "primary tumour of patient " + patient.id());
        name = name == null ? "" : name;
        priorTreatments = priorTreatments == null ? List.of() : List.copyOf(priorTreatments);
        performance = performance == null ? List.of() : List.copyOf(performance);
        pregnant = pregnant == null ? Optional.empty() : pregnant;
    }

    public String id() {
        return patient.id();
    }

    /** What the eligibility check reads, with the patient's labs and imaging. */
    public Candidate candidate(LabHistory labs, List<ImagingStudy> imaging) {
        return new Candidate(patient, tumour, priorTreatments, labs, performance, imaging, pregnant, breastfeeding);
    }
}

package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.diagnosis.ImagingStudy;

/** An imaging study of a patient (SRS, PET/CT, MIBG, bone scintigraphy) with its lesions and findings. */
public record StudyRecord(String id, String patientId, ImagingStudy study) {
    public StudyRecord {
        Keys.require(id, patientId, "imaging study");
        Objects.requireNonNull(study, "study " + id);
    }
}

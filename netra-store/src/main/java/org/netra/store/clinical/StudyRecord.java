package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import org.netra.clinical.diagnosis.ConjugateViewRead;
import org.netra.clinical.diagnosis.ImagingStudy;

/**
 * An imaging study of a patient (SRS, PET/CT, MIBG, bone scintigraphy) with its lesions and findings, and
 * the lesions quantified on planar views by conjugate views ({@code planar}, MIBG).
 */
public record StudyRecord(String id, String patientId, ImagingStudy study, List<ConjugateViewRead> planar) {
    public StudyRecord {
        Keys.require(id, patientId, "imaging study");
        Objects.requireNonNull(study, "study " + id);
        planar = planar == null ? List.of() : List.copyOf(planar);
        for (var p : planar) {
            if (study.lesions().stream().noneMatch(l -> l.id().equals(p.lesionId()))) {
                throw new IllegalArgumentException("study " + id + ": the conjugate-view read of lesion " + p.lesionId()
                        + " names no lesion of the study");
            }
        }
    }

    public StudyRecord(String id, String patientId, ImagingStudy study) {
        this(id, patientId, study, List.of());
    }

    /** The same record with {@code newStudy} (e.g. a bone finding's work-up recorded). */
    public StudyRecord with(ImagingStudy newStudy) {
        return new StudyRecord(id, patientId, newStudy, planar);
    }
}

package org.netra.store.clinical;

import java.util.List;
import java.util.Objects;
import org.netra.clinical.diagnosis.ConjugateViewRead;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.LesionUptake;

/**
 * An imaging study of a patient (SRS, PET/CT, MIBG, bone scintigraphy) with its lesions and findings, the
 * lesions quantified on planar views by conjugate views ({@code planar}, MIBG), and what netra measured in an
 * image series it holds beside the reader's own values ({@code measured}: suggested Krenning grades, SUVs).
 */
public record StudyRecord(
        String id, String patientId, ImagingStudy study, List<ConjugateViewRead> planar, List<LesionUptake> measured) {
    /** What a measurement names when it is of the whole image rather than one lesion. */
    public static final String WHOLE_BODY = "whole body";

    public StudyRecord {
        Keys.require(id, patientId, "imaging study");
        Objects.requireNonNull(study, "study " + id);
        planar = planar == null ? List.of() : List.copyOf(planar);
        measured = measured == null ? List.of() : List.copyOf(measured);
        for (var p : planar) {
            requireLesion(id, study, p.lesionId(), "the conjugate-view read");
        }
        for (var m : measured) {
            if (!m.lesionId().equals(WHOLE_BODY)) {
                requireLesion(id, study, m.lesionId(), "the measured uptake");
            }
        }
    }

    public StudyRecord(String id, String patientId, ImagingStudy study, List<ConjugateViewRead> planar) {
        this(id, patientId, study, planar, List.of());
    }

    public StudyRecord(String id, String patientId, ImagingStudy study) {
        this(id, patientId, study, List.of(), List.of());
    }

    private static void requireLesion(String id, ImagingStudy study, String lesionId, String what) {
        if (study.lesions().stream().noneMatch(l -> l.id().equals(lesionId))) {
            throw new IllegalArgumentException(
                    "study " + id + ": " + what + " of lesion " + lesionId + " names no lesion of the study");
        }
    }

    /** The same record with {@code newStudy} (e.g. a bone finding's work-up recorded). */
    public StudyRecord with(ImagingStudy newStudy) {
        return new StudyRecord(id, patientId, newStudy, planar, measured);
    }
}

package org.netra.interop.dicomweb;

import java.util.List;
import org.netra.imaging.dicom.Tag;

/** What QIDO-RS finds, one record per level, read from its DICOM JSON answer. */
public final class Matches {
    private Matches() {}

    public record Patient(String patientId, String name, int studies) {}

    public record Study(
            String studyInstanceUid,
            String patientId,
            String patientName,
            String studyDate,
            String accessionNumber,
            String description,
            List<String> modalities,
            int series,
            int instances) {
        static Study of(DicomJson j) {
            return new Study(
                    j.string(Tag.STUDY_INSTANCE_UID).orElse(""),
                    j.string(Tag.PATIENT_ID).orElse(""),
                    j.string(Tag.PATIENT_NAME).orElse(""),
                    j.string(Tag.STUDY_DATE).orElse(""),
                    j.string(Tag.ACCESSION_NUMBER).orElse(""),
                    j.string(Tag.STUDY_DESCRIPTION).orElse(""),
                    j.strings(Tag.MODALITIES_IN_STUDY),
                    j.integer(Tag.NUMBER_OF_STUDY_RELATED_SERIES).orElse(-1),
                    j.integer(Tag.NUMBER_OF_STUDY_RELATED_INSTANCES).orElse(-1));
        }
    }

    public record Series(
            String studyInstanceUid,
            String seriesInstanceUid,
            String modality,
            int seriesNumber,
            String description,
            int instances) {
        static Series of(DicomJson j, String studyUidIfAbsent) {
            return new Series(
                    j.string(Tag.STUDY_INSTANCE_UID).orElse(studyUidIfAbsent),
                    j.string(Tag.SERIES_INSTANCE_UID).orElse(""),
                    j.string(Tag.MODALITY).orElse(""),
                    j.integer(Tag.SERIES_NUMBER).orElse(-1),
                    j.string(Tag.SERIES_DESCRIPTION).orElse(""),
                    j.integer(Tag.NUMBER_OF_SERIES_RELATED_INSTANCES).orElse(-1));
        }
    }

    /** One instance STOW-RS stored or refused. */
    public record StoredInstance(String sopClassUid, String sopInstanceUid, String failureReason) {
        public boolean failed() {
            return !failureReason.isEmpty();
        }
    }
}

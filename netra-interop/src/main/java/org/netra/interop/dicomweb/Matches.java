package org.netra.interop.dicomweb;

import java.util.List;

/** What QIDO-RS finds, one record per level, read from its DICOM JSON answer. */
public final class Matches {
    private Matches() {}

    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int STUDY_DATE = 0x00080020;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITIES_IN_STUDY = 0x00080061;
    static final int MODALITY = 0x00080060;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SERIES_NUMBER = 0x00200011;
    static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;

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
                    j.string(STUDY_INSTANCE_UID).orElse(""),
                    j.string(PATIENT_ID).orElse(""),
                    j.string(PATIENT_NAME).orElse(""),
                    j.string(STUDY_DATE).orElse(""),
                    j.string(ACCESSION_NUMBER).orElse(""),
                    j.string(STUDY_DESCRIPTION).orElse(""),
                    j.strings(MODALITIES_IN_STUDY),
                    j.integer(NUMBER_OF_STUDY_RELATED_SERIES).orElse(-1),
                    j.integer(NUMBER_OF_STUDY_RELATED_INSTANCES).orElse(-1));
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
                    j.string(STUDY_INSTANCE_UID).orElse(studyUidIfAbsent),
                    j.string(SERIES_INSTANCE_UID).orElse(""),
                    j.string(MODALITY).orElse(""),
                    j.integer(SERIES_NUMBER).orElse(-1),
                    j.string(SERIES_DESCRIPTION).orElse(""),
                    j.integer(NUMBER_OF_SERIES_RELATED_INSTANCES).orElse(-1));
        }
    }

    /** One instance STOW-RS stored or refused. */
    public record StoredInstance(String sopClassUid, String sopInstanceUid, String failureReason) {
        public boolean failed() {
            return !failureReason.isEmpty();
        }
    }
}

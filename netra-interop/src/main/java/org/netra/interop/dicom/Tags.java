package org.netra.interop.dicom;

/** Tags the exports write that netra's reader has no constant for (PS3.6). */
final class Tags {
    private Tags() {}

    static final int INSTANCE_CREATION_DATE = 0x00080012;
    static final int INSTANCE_CREATION_TIME = 0x00080013;
    static final int SERIES_DATE = 0x00080021;
    static final int SERIES_TIME = 0x00080031;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int CONVERSION_TYPE = 0x00080064;
    static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    static final int OPERATORS_NAME = 0x00081070;
    static final int REFERENCED_IMAGE_SEQUENCE = 0x00081140;
    static final int SOFTWARE_VERSIONS = 0x00181020;
    static final int PATIENT_ORIENTATION = 0x00200020;
    static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    static final int BURNED_IN_ANNOTATION = 0x00280301;
    static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
    static final int DOCUMENT_TITLE = 0x00420010;
    static final int ENCAPSULATED_DOCUMENT = 0x00420011;
    static final int MIME_TYPE_OF_ENCAPSULATED_DOCUMENT = 0x00420012;
    static final int SOURCE_INSTANCE_SEQUENCE = 0x00420013;
    static final int ENCAPSULATED_DOCUMENT_LENGTH = 0x00420015;
    static final int ACQUISITION_DATE_TIME = 0x0008002A;
    static final int STRUCTURE_SET_LABEL = 0x30060002;
    static final int STRUCTURE_SET_NAME = 0x30060004;
    static final int STRUCTURE_SET_DATE = 0x30060008;
    static final int STRUCTURE_SET_TIME = 0x30060009;
    static final int RT_REFERENCED_STUDY_SEQUENCE = 0x30060012;
    static final int RT_REFERENCED_SERIES_SEQUENCE = 0x30060014;
    static final int ROI_GENERATION_ALGORITHM = 0x30060036;
    static final int RT_ROI_OBSERVATIONS_SEQUENCE = 0x30060080;
    static final int OBSERVATION_NUMBER = 0x30060082;
    static final int RT_ROI_INTERPRETED_TYPE = 0x300600A4;
    static final int ROI_INTERPRETER = 0x300600A6;
    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODE_MEANING = 0x00080104;
}

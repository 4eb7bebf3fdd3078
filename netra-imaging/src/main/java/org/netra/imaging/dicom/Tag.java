package org.netra.imaging.dicom;

import java.util.Locale;

/**
 * The tags netra reads and writes, as {@code (group << 16) | element}; names follow the registry
 * keywords of PS3.6 (a test checks each against the data dictionary).
 */
public final class Tag {
    private Tag() {}

    public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
    public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
    public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
    public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;
    public static final int SOURCE_APPLICATION_ENTITY_TITLE = 0x00020016;
    public static final int OFFSET_OF_THE_FIRST_DIRECTORY_RECORD_OF_THE_ROOT_DIRECTORY_ENTITY = 0x00041200;
    public static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
    public static final int OFFSET_OF_THE_NEXT_DIRECTORY_RECORD = 0x00041400;
    public static final int OFFSET_OF_REFERENCED_LOWER_LEVEL_DIRECTORY_ENTITY = 0x00041420;
    public static final int DIRECTORY_RECORD_TYPE = 0x00041430;
    public static final int REFERENCED_FILE_ID = 0x00041500;
    public static final int REFERENCED_SOP_CLASS_UID_IN_FILE = 0x00041510;
    public static final int REFERENCED_SOP_INSTANCE_UID_IN_FILE = 0x00041511;
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    public static final int IMAGE_TYPE = 0x00080008;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int STUDY_DATE = 0x00080020;
    public static final int SERIES_DATE = 0x00080021;
    public static final int ACQUISITION_DATE = 0x00080022;
    public static final int CONTENT_DATE = 0x00080023;
    public static final int ACQUISITION_DATE_TIME = 0x0008002A;
    public static final int STUDY_TIME = 0x00080030;
    public static final int SERIES_TIME = 0x00080031;
    public static final int ACQUISITION_TIME = 0x00080032;
    public static final int CONTENT_TIME = 0x00080033;
    public static final int MODALITY = 0x00080060;
    public static final int MANUFACTURER = 0x00080070;
    public static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    public static final int INSTITUTION_NAME = 0x00080080;
    public static final int STUDY_DESCRIPTION = 0x00081030;
    public static final int SERIES_DESCRIPTION = 0x0008103E;
    public static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    public static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    public static final int FAILURE_REASON = 0x00081197;
    public static final int FAILED_SOP_SEQUENCE = 0x00081198;
    public static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
    public static final int PATIENT_NAME = 0x00100010;
    public static final int PATIENT_ID = 0x00100020;
    public static final int PATIENT_BIRTH_DATE = 0x00100030;
    public static final int PATIENT_SEX = 0x00100040;
    public static final int PATIENT_AGE = 0x00101010;
    public static final int PATIENT_SIZE = 0x00101020;
    public static final int PATIENT_WEIGHT = 0x00101030;
    public static final int SLICE_THICKNESS = 0x00180050;
    public static final int SPACING_BETWEEN_SLICES = 0x00180088;
    public static final int RADIOPHARMACEUTICAL = 0x00180031;
    public static final int RADIOPHARMACEUTICAL_START_TIME = 0x00181072;
    public static final int RADIONUCLIDE_TOTAL_DOSE = 0x00181074;
    public static final int RADIONUCLIDE_HALF_LIFE = 0x00181075;
    public static final int RADIONUCLIDE_POSITRON_FRACTION = 0x00181076;
    public static final int RADIOPHARMACEUTICAL_START_DATE_TIME = 0x00181078;
    public static final int ACTUAL_FRAME_DURATION = 0x00181242;
    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int STUDY_ID = 0x00200010;
    public static final int SERIES_NUMBER = 0x00200011;
    public static final int ACQUISITION_NUMBER = 0x00200012;
    public static final int INSTANCE_NUMBER = 0x00200013;
    public static final int IMAGE_POSITION_PATIENT = 0x00200032;
    public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    public static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    public static final int SLICE_LOCATION = 0x00201041;
    public static final int SAMPLES_PER_PIXEL = 0x00280002;
    public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    public static final int PLANAR_CONFIGURATION = 0x00280006;
    public static final int NUMBER_OF_FRAMES = 0x00280008;
    public static final int FRAME_INCREMENT_POINTER = 0x00280009;
    public static final int ROWS = 0x00280010;
    public static final int COLUMNS = 0x00280011;
    public static final int PIXEL_SPACING = 0x00280030;
    public static final int BITS_ALLOCATED = 0x00280100;
    public static final int BITS_STORED = 0x00280101;
    public static final int HIGH_BIT = 0x00280102;
    public static final int PIXEL_REPRESENTATION = 0x00280103;
    public static final int CORRECTED_IMAGE = 0x00280051;
    public static final int WINDOW_CENTER = 0x00281050;
    public static final int WINDOW_WIDTH = 0x00281051;
    public static final int RESCALE_INTERCEPT = 0x00281052;
    public static final int RESCALE_SLOPE = 0x00281053;
    public static final int RESCALE_TYPE = 0x00281054;
    public static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    public static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    public static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
    public static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    public static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    public static final int ENERGY_WINDOW_INFORMATION_SEQUENCE = 0x00540012;
    public static final int RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE = 0x00540016;
    public static final int DETECTOR_INFORMATION_SEQUENCE = 0x00540022;
    public static final int SLICE_VECTOR = 0x00540080;
    public static final int NUMBER_OF_SLICES = 0x00540081;
    public static final int RADIONUCLIDE_CODE_SEQUENCE = 0x00540300;
    public static final int SERIES_TYPE = 0x00541000;
    public static final int UNITS = 0x00541001;
    public static final int COUNTS_SOURCE = 0x00541002;
    public static final int ATTENUATION_CORRECTION_METHOD = 0x00541101;
    public static final int DECAY_CORRECTION = 0x00541102;
    public static final int FRAME_REFERENCE_TIME = 0x00541300;
    public static final int DECAY_FACTOR = 0x00541321;
    public static final int DOSE_CALIBRATION_FACTOR = 0x00541322;
    public static final int GRID_FRAME_OFFSET_VECTOR = 0x3004000C;
    public static final int DOSE_GRID_SCALING = 0x3004000E;
    public static final int DOSE_UNITS = 0x30040002;
    public static final int DOSE_TYPE = 0x30040004;
    public static final int DOSE_SUMMATION_TYPE = 0x3004000A;
    public static final int REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = 0x30060010;
    public static final int CONTOUR_IMAGE_SEQUENCE = 0x30060016;
    public static final int STRUCTURE_SET_ROI_SEQUENCE = 0x30060020;
    public static final int ROI_NUMBER = 0x30060022;
    public static final int REFERENCED_FRAME_OF_REFERENCE_UID = 0x30060024;
    public static final int ROI_NAME = 0x30060026;
    public static final int ROI_DISPLAY_COLOR = 0x3006002A;
    public static final int ROI_CONTOUR_SEQUENCE = 0x30060039;
    public static final int CONTOUR_SEQUENCE = 0x30060040;
    public static final int CONTOUR_GEOMETRIC_TYPE = 0x30060042;
    public static final int NUMBER_OF_CONTOUR_POINTS = 0x30060046;
    public static final int CONTOUR_DATA = 0x30060050;
    public static final int REFERENCED_ROI_NUMBER = 0x30060084;
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    public static final int PIXEL_DATA = 0x7FE00010;
    public static final int INSTANCE_CREATION_DATE = 0x00080012;
    public static final int INSTANCE_CREATION_TIME = 0x00080013;
    public static final int ACCESSION_NUMBER = 0x00080050;
    public static final int MODALITIES_IN_STUDY = 0x00080061;
    public static final int CONVERSION_TYPE = 0x00080064;
    public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    public static final int CODE_VALUE = 0x00080100;
    public static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    public static final int CODE_MEANING = 0x00080104;
    public static final int OPERATORS_NAME = 0x00081070;
    public static final int REFERENCED_IMAGE_SEQUENCE = 0x00081140;
    public static final int BODY_PART_EXAMINED = 0x00180015;
    public static final int KVP = 0x00180060;
    public static final int SOFTWARE_VERSIONS = 0x00181020;
    public static final int COLLIMATOR_TYPE = 0x00181181;
    public static final int STATION_NAME = 0x00081010;
    public static final int DEVICE_SERIAL_NUMBER = 0x00181000;
    public static final int COLLIMATOR_GRID_NAME = 0x00181180;
    public static final int ENERGY_WINDOW_RANGE_SEQUENCE = 0x00540013;
    public static final int ENERGY_WINDOW_LOWER_LIMIT = 0x00540014;
    public static final int ENERGY_WINDOW_UPPER_LIMIT = 0x00540015;
    public static final int NUMBER_OF_ROTATIONS = 0x00540051;
    public static final int NUMBER_OF_FRAMES_IN_ROTATION = 0x00540053;
    public static final int SPATIAL_RESOLUTION = 0x00181050;
    public static final int CONVOLUTION_KERNEL = 0x00181210;
    public static final int PATIENT_POSITION = 0x00185100;
    public static final int PATIENT_ORIENTATION = 0x00200020;
    public static final int LATERALITY = 0x00200060;
    public static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    public static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    public static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    public static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
    public static final int BURNED_IN_ANNOTATION = 0x00280301;
    public static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
    public static final int DOCUMENT_TITLE = 0x00420010;
    public static final int ENCAPSULATED_DOCUMENT = 0x00420011;
    public static final int MIME_TYPE_OF_ENCAPSULATED_DOCUMENT = 0x00420012;
    public static final int SOURCE_INSTANCE_SEQUENCE = 0x00420013;
    public static final int ENCAPSULATED_DOCUMENT_LENGTH = 0x00420015;
    public static final int ENERGY_WINDOW_VECTOR = 0x00540010;
    public static final int ENERGY_WINDOW_NAME = 0x00540018;
    public static final int ROTATION_INFORMATION_SEQUENCE = 0x00540052;
    public static final int DETECTOR_VECTOR = 0x00540020;
    public static final int VIEW_CODE_SEQUENCE = 0x00540220;
    public static final int PATIENT_ORIENTATION_CODE_SEQUENCE = 0x00540410;
    public static final int PATIENT_GANTRY_RELATIONSHIP_CODE_SEQUENCE = 0x00540414;
    public static final int RECONSTRUCTION_METHOD = 0x00541103;
    public static final int SCATTER_CORRECTION_METHOD = 0x00541105;
    public static final int IMAGE_INDEX = 0x00541330;
    public static final int SEGMENTATION_TYPE = 0x00620001;
    public static final int SEGMENT_SEQUENCE = 0x00620002;
    public static final int SEGMENT_NUMBER = 0x00620004;
    public static final int SEGMENT_LABEL = 0x00620005;
    public static final int SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000A;
    public static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
    public static final int STRUCTURE_SET_LABEL = 0x30060002;
    public static final int STRUCTURE_SET_NAME = 0x30060004;
    public static final int STRUCTURE_SET_DATE = 0x30060008;
    public static final int STRUCTURE_SET_TIME = 0x30060009;
    public static final int RT_REFERENCED_STUDY_SEQUENCE = 0x30060012;
    public static final int RT_REFERENCED_SERIES_SEQUENCE = 0x30060014;
    public static final int ROI_GENERATION_ALGORITHM = 0x30060036;
    public static final int RTROI_OBSERVATIONS_SEQUENCE = 0x30060080;
    public static final int OBSERVATION_NUMBER = 0x30060082;
    public static final int RTROI_INTERPRETED_TYPE = 0x300600A4;
    public static final int ROI_INTERPRETER = 0x300600A6;
    // Structured reporting (PS3.3 C.17): the SR document and its content items
    public static final int MAPPING_RESOURCE = 0x00080105;
    public static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
    public static final int REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE = 0x00081111;
    public static final int RELATIONSHIP_TYPE = 0x0040A010;
    public static final int VERIFICATION_FLAG = 0x0040A493;
    public static final int COMPLETION_FLAG = 0x0040A491;
    public static final int OBSERVATION_DATE_TIME = 0x0040A032;
    public static final int VALUE_TYPE = 0x0040A040;
    public static final int CONTINUITY_OF_CONTENT = 0x0040A050;
    public static final int DATE_TIME = 0x0040A120;
    public static final int UID = 0x0040A124;
    public static final int TEXT_VALUE = 0x0040A160;
    public static final int CONCEPT_CODE_SEQUENCE = 0x0040A168;
    public static final int MEASURED_VALUE_SEQUENCE = 0x0040A300;
    public static final int NUMERIC_VALUE = 0x0040A30A;
    public static final int MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA;
    public static final int PERFORMED_PROCEDURE_CODE_SEQUENCE = 0x0040A372;
    public static final int CONTENT_TEMPLATE_SEQUENCE = 0x0040A504;
    public static final int CONTENT_SEQUENCE = 0x0040A730;
    public static final int TEMPLATE_IDENTIFIER = 0x0040DB00;
    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION_ITEM = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION_ITEM = 0xFFFEE0DD;

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xffff;
    }

    /** Private tags have an odd group number (PS3.5 section 7.8). */
    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) == 1;
    }

    /** The tag as DICOM writes it, e.g. {@code (0008,0016)}. */
    public static String toString(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", group(tag), element(tag));
    }
}

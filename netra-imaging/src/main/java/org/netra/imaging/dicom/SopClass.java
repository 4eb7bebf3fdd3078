package org.netra.imaging.dicom;

import java.util.Map;

/**
 * The SOP Class UIDs netra reads or writes (PS3.4 annex B.5 and PS3.6 annex A), and their names: the one place
 * they are spelt, for every module (a grep test keeps other copies out).
 */
public final class SopClass {
    public static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
    public static final String DETACHED_STUDY_MANAGEMENT = "1.2.840.10008.3.1.2.3.1";
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    public static final String NM_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.20";
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    public static final String X_RAY_RADIATION_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67";
    public static final String RADIOPHARMACEUTICAL_RADIATION_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.68";
    public static final String ENCAPSULATED_PDF_STORAGE = "1.2.840.10008.5.1.4.1.1.104.1";
    public static final String PET_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.128";
    public static final String ENHANCED_PET_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.130";
    public static final String RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2";
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(MEDIA_STORAGE_DIRECTORY, "Media Storage Directory Storage"),
            Map.entry(PET_IMAGE_STORAGE, "Positron Emission Tomography Image Storage"),
            Map.entry(ENHANCED_PET_IMAGE_STORAGE, "Enhanced PET Image Storage"),
            Map.entry(NM_IMAGE_STORAGE, "Nuclear Medicine Image Storage"),
            Map.entry(CT_IMAGE_STORAGE, "CT Image Storage"),
            Map.entry(ENHANCED_CT_IMAGE_STORAGE, "Enhanced CT Image Storage"),
            Map.entry(MR_IMAGE_STORAGE, "MR Image Storage"),
            Map.entry(SECONDARY_CAPTURE_IMAGE_STORAGE, "Secondary Capture Image Storage"),
            Map.entry(RT_DOSE_STORAGE, "RT Dose Storage"),
            Map.entry(RT_STRUCTURE_SET_STORAGE, "RT Structure Set Storage"),
            Map.entry(SEGMENTATION_STORAGE, "Segmentation Storage"),
            Map.entry(X_RAY_RADIATION_DOSE_SR, "X-Ray Radiation Dose SR Storage"),
            Map.entry(RADIOPHARMACEUTICAL_RADIATION_DOSE_SR, "Radiopharmaceutical Radiation Dose SR Storage"),
            Map.entry(ENCAPSULATED_PDF_STORAGE, "Encapsulated PDF Storage"));

    private SopClass() {}

    /** The standard's name of a SOP Class, or the UID itself for one netra does not list. */
    public static String name(String uid) {
        return NAMES.getOrDefault(uid, uid);
    }
}

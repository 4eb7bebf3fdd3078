package org.netra.sim.export;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.netra.clinical.patient.Sex;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.sim.anatomy.BodySize;

/**
 * What every file of one twin shares: the patient, the study, the frame of reference, and how netra-sim
 * names itself as the equipment. The patient is synthetic and named so.
 */
public record StudyContext(
        long seed,
        String patientId,
        BodySize body,
        LocalDateTime studyStart,
        String studyUid,
        String frameOfReferenceUid) {

    static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    public static StudyContext of(long seed, BodySize body, LocalDateTime studyStart) {
        return new StudyContext(
                seed,
                String.format(Locale.ROOT, "SIM-%06d", Math.floorMod(seed, 1_000_000L)),
                body,
                studyStart,
                TwinUids.of(seed, "study"),
                TwinUids.of(seed, "frame-of-reference"));
    }

    /** Patient, general study, frame of reference and equipment elements. */
    Attributes.Builder common(String modality, String seriesUid, int seriesNumber, String description) {
        return Attributes.builder()
                .setString(Tag.PATIENT_NAME, Vr.PN, "Simulated^Twin^" + seed)
                .setString(Tag.PATIENT_ID, Vr.LO, patientId)
                .setString(Tag.PATIENT_BIRTH_DATE, Vr.DA, "")
                .setString(Tag.PATIENT_SEX, Vr.CS, body.sex() == Sex.MALE ? "M" : "F")
                .setString(Tag.PATIENT_WEIGHT, Vr.DS, ds(body.weightKg()))
                .setString(Tag.PATIENT_SIZE, Vr.DS, ds(body.heightCm() / 100))
                .setString(Tag.STUDY_INSTANCE_UID, Vr.UI, studyUid)
                .setString(Tag.STUDY_DATE, Vr.DA, DA.format(studyStart))
                .setString(Tag.STUDY_TIME, Vr.TM, TM.format(studyStart))
                .setString(Tag.REFERRING_PHYSICIAN_NAME, Vr.PN, "")
                .setString(Tag.STUDY_ID, Vr.SH, "SIM" + Math.floorMod(seed, 100000L))
                .setString(Tag.ACCESSION_NUMBER, Vr.SH, "")
                .setString(Tag.STUDY_DESCRIPTION, Vr.LO, "netra-sim digital twin, 177Lu-DOTATATE PRRT")
                .setString(Tag.MODALITY, Vr.CS, modality)
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid)
                .setString(Tag.SERIES_NUMBER, Vr.IS, Integer.toString(seriesNumber))
                .setString(Tag.SERIES_DESCRIPTION, Vr.LO, description)
                .setString(Tag.MANUFACTURER, Vr.LO, "netra")
                .setString(Tag.MANUFACTURER_MODEL_NAME, Vr.LO, "netra-sim digital twin")
                .setString(Tag.SOFTWARE_VERSIONS, Vr.LO, "netra-sim 0.1");
    }

    /** Frame of reference and the image plane of slice {@code k} of {@code g} (axial, LPS). */
    void plane(Attributes.Builder b, Geometry g, int k) {
        double[] p = new double[3];
        g.indexToWorld(0, 0, k, p);
        b.setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, frameOfReferenceUid)
                .setString(Tag.POSITION_REFERENCE_INDICATOR, Vr.LO, "")
                .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, ds(p[0]), ds(p[1]), ds(p[2]))
                .setString(Tag.IMAGE_ORIENTATION_PATIENT, Vr.DS, "1", "0", "0", "0", "1", "0")
                .setString(Tag.PIXEL_SPACING, Vr.DS, ds(g.spacing(1)), ds(g.spacing(0)))
                .setString(Tag.SLICE_THICKNESS, Vr.DS, ds(g.spacing(2)))
                .setString(Tag.SLICE_LOCATION, Vr.DS, ds(p[2]));
    }

    static Attributes code(String value, String scheme, String meaning) {
        return Attributes.builder()
                .setString(Tag.CODE_VALUE, Vr.SH, value)
                .setString(Tag.CODING_SCHEME_DESIGNATOR, Vr.SH, scheme)
                .setString(Tag.CODE_MEANING, Vr.LO, meaning)
                .build();
    }

    static List<Attributes> one(Attributes a) {
        return List.of(a);
    }

    /** A decimal string of at most 16 characters (the DS limit). */
    static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.10g", v);
        if (s.contains("e") || s.contains("E")) {
            s = String.format(Locale.ROOT, "%.8E", v);
        } else if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.6E", v);
    }
}

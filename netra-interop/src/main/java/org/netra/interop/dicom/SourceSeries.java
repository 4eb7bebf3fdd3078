package org.netra.interop.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Uids;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.AssembledSeries;

/**
 * The image series an export is derived from: the patient and study it belongs to, its Frame of
 * Reference, and its instances, so that what netra writes lands in the same study and points back to
 * its source.
 */
public record SourceSeries(
        Attributes header,
        String studyInstanceUid,
        String seriesInstanceUid,
        String frameOfReferenceUid,
        List<Image> images) {

    /** One source image: what a Referenced Image or Contour Image item names. */
    public record Image(String sopClassUid, String sopInstanceUid) {}

    public SourceSeries {
        images = List.copyOf(images);
    }

    /** Reads the source's identity from the files an assembled series was built from. */
    public static SourceSeries of(AssembledSeries series) throws IOException {
        List<Image> images = new ArrayList<>();
        for (Path f : series.files()) {
            DicomFile d = DicomFile.read(f, DicomFile.Extent.HEADER);
            images.add(new Image(d.sopClassUid(), required(d.dataset(), Tag.SOP_INSTANCE_UID, "SOP Instance UID")));
        }
        Attributes h = series.header();
        return new SourceSeries(
                h,
                required(h, Tag.STUDY_INSTANCE_UID, "Study Instance UID"),
                series.seriesInstanceUid(),
                required(h, Tag.FRAME_OF_REFERENCE_UID, "Frame of Reference UID"),
                images);
    }

    private static String required(Attributes a, int tag, String name) {
        return a.string(tag)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(a.source() + " has no " + name + " " + Tag.toString(tag)
                        + "; an export must reference its source, so the source needs one"));
    }

    /**
     * Patient, General Study, General Equipment, Frame of Reference and SOP Common elements of a new
     * instance in this study.
     */
    Attributes.Builder newInstance(String sopClassUid, String modality, String seriesDescription, int seriesNumber) {
        var b = Attributes.builder();
        b.setString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 100");
        for (int tag : new int[] {
            Tag.PATIENT_NAME,
            Tag.PATIENT_ID,
            Tag.PATIENT_BIRTH_DATE,
            Tag.PATIENT_SEX,
            Tag.STUDY_DATE,
            Tag.STUDY_TIME,
            Tag.STUDY_ID,
            Tag.STUDY_DESCRIPTION,
            Tag.ACCESSION_NUMBER,
            Tag.REFERRING_PHYSICIAN_NAME
        }) {
            copyOrEmpty(b, tag);
        }
        LocalDateTime created = LocalDateTime.now();
        String now = created.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = created.format(DateTimeFormatter.ofPattern("HHmmss"));
        b.setString(Tag.SOP_CLASS_UID, Vr.UI, sopClassUid)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, Uids.random())
                .setString(Tag.INSTANCE_CREATION_DATE, Vr.DA, now)
                .setString(Tag.INSTANCE_CREATION_TIME, Vr.TM, time)
                .setString(Tag.STUDY_INSTANCE_UID, Vr.UI, studyInstanceUid)
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, Uids.random())
                .setString(Tag.MODALITY, Vr.CS, modality)
                .setString(Tag.SERIES_DESCRIPTION, Vr.LO, seriesDescription)
                .setString(Tag.SERIES_NUMBER, Vr.IS, Integer.toString(seriesNumber))
                .setString(Tag.SERIES_DATE, Vr.DA, now)
                .setString(Tag.SERIES_TIME, Vr.TM, time)
                .setString(Tag.CONTENT_DATE, Vr.DA, now)
                .setString(Tag.CONTENT_TIME, Vr.TM, time)
                .setString(Tag.MANUFACTURER, Vr.LO, "netra")
                .setString(Tag.SOFTWARE_VERSIONS, Vr.LO, "netra 0.1")
                .setString(Tag.INSTANCE_NUMBER, Vr.IS, "1");
        return b;
    }

    private void copyOrEmpty(Attributes.Builder b, int tag) {
        Vr vr = header.vr(tag).orElse(defaultVr(tag));
        b.setString(tag, vr, header.string(tag).orElse(""));
    }

    private static Vr defaultVr(int tag) {
        return switch (tag) {
            case Tag.PATIENT_NAME, Tag.REFERRING_PHYSICIAN_NAME -> Vr.PN;
            case Tag.PATIENT_BIRTH_DATE, Tag.STUDY_DATE -> Vr.DA;
            case Tag.STUDY_TIME -> Vr.TM;
            case Tag.PATIENT_SEX -> Vr.CS;
            case Tag.STUDY_ID, Tag.ACCESSION_NUMBER -> Vr.SH;
            default -> Vr.LO;
        };
    }

    /** Referenced Image-style items (class + instance) for every source image. */
    List<Attributes> imageReferences() {
        return images.stream()
                .map(i -> Attributes.builder()
                        .setString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, i.sopClassUid())
                        .setString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, i.sopInstanceUid())
                        .build())
                .toList();
    }
}

package org.netra.imaging.io;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * netra's one RT Structure Set writer (PS3.3 A.19): the Frame of Reference, Structure Set, ROI Contour and
 * RT ROI Observations modules for a list of masks, each traced by {@link MaskContours} into CLOSED_PLANAR
 * contours along voxel edges. The caller adds the patient, study, series and SOP common modules, which
 * differ between an export of a real series and a digital twin.
 */
public final class RtStructContent {
    /** The retired Detached Study Management SOP Class, which RT Referenced Study items name by convention. */
    private static final int[][] PALETTE = {
        {230, 25, 75}, {60, 180, 75}, {255, 225, 25}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
        {70, 240, 240}, {240, 50, 230}, {210, 245, 60}, {250, 190, 212}, {0, 128, 128}, {220, 190, 255},
        {170, 110, 40}, {128, 0, 0}, {170, 255, 195}
    };

    private RtStructContent() {}

    /** A mask and its RT ROI Interpreted Type (ORGAN, GTV, EXTERNAL, …). */
    public record Roi(Mask mask, String interpretedType) {}

    /**
     * The image series the contours lie on; {@code imageReferences} (Referenced SOP Class and Instance UID
     * items) has one item per slice of the masks' grid when the masks are on that series' grid, else any.
     */
    public record Reference(
            String frameOfReferenceUid,
            String studyInstanceUid,
            String seriesInstanceUid,
            List<Attributes> imageReferences) {}

    /**
     * Adds the structure set to {@code b}. {@code decimals} formats contour coordinates as DS values;
     * {@code algorithm} is the ROI Generation Algorithm (AUTOMATIC, SEMIAUTOMATIC, MANUAL).
     */
    public static Attributes.Builder put(
            Attributes.Builder b,
            List<Roi> rois,
            Reference ref,
            String label,
            String algorithm,
            LocalDateTime when,
            Function<double[], String[]> decimals) {
        if (rois.isEmpty()) {
            throw new IllegalArgumentException("no VOI to write");
        }
        Geometry grid = rois.getFirst().mask().geometry();
        for (Roi r : rois) {
            r.mask().requireOn(grid, "VOI '" + r.mask().name() + "'");
        }
        boolean perSlice = ref.imageReferences().size() == grid.nz();
        List<Attributes> roiSet = new ArrayList<>();
        List<Attributes> roiContours = new ArrayList<>();
        List<Attributes> observations = new ArrayList<>();
        for (int r = 0; r < rois.size(); r++) {
            Roi roi = rois.get(r);
            String number = Integer.toString(r + 1);
            roiSet.add(Attributes.builder()
                    .setString(Tag.ROI_NUMBER, Vr.IS, number)
                    .setString(Tag.REFERENCED_FRAME_OF_REFERENCE_UID, Vr.UI, ref.frameOfReferenceUid())
                    .setString(Tag.ROI_NAME, Vr.LO, roi.mask().name())
                    .setString(Tag.ROI_GENERATION_ALGORITHM, Vr.CS, algorithm)
                    .build());
            List<Attributes> contours = new ArrayList<>();
            for (MaskContours.SliceContour c : MaskContours.of(roi.mask())) {
                var item = Attributes.builder();
                if (perSlice) {
                    item.setSequence(
                            Tag.CONTOUR_IMAGE_SEQUENCE,
                            List.of(ref.imageReferences().get(c.k())));
                }
                contours.add(item.setString(Tag.CONTOUR_GEOMETRIC_TYPE, Vr.CS, "CLOSED_PLANAR")
                        .setString(Tag.NUMBER_OF_CONTOUR_POINTS, Vr.IS, Integer.toString(c.points().length / 3))
                        .setString(Tag.CONTOUR_DATA, Vr.DS, decimals.apply(c.points()))
                        .build());
            }
            int[] rgb = PALETTE[r % PALETTE.length];
            roiContours.add(Attributes.builder()
                    .setString(
                            Tag.ROI_DISPLAY_COLOR,
                            Vr.IS,
                            Integer.toString(rgb[0]),
                            Integer.toString(rgb[1]),
                            Integer.toString(rgb[2]))
                    .setSequence(Tag.CONTOUR_SEQUENCE, contours)
                    .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, number)
                    .build());
            observations.add(Attributes.builder()
                    .setString(Tag.OBSERVATION_NUMBER, Vr.IS, number)
                    .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, number)
                    .setString(Tag.RTROI_INTERPRETED_TYPE, Vr.CS, roi.interpretedType())
                    .setString(Tag.ROI_INTERPRETER, Vr.PN, "")
                    .build());
        }
        Attributes series = Attributes.builder()
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, ref.seriesInstanceUid())
                .setSequence(Tag.CONTOUR_IMAGE_SEQUENCE, ref.imageReferences())
                .build();
        Attributes study = Attributes.builder()
                .setString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, SopClass.DETACHED_STUDY_MANAGEMENT)
                .setString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, ref.studyInstanceUid())
                .setSequence(Tag.RT_REFERENCED_SERIES_SEQUENCE, List.of(series))
                .build();
        Attributes frame = Attributes.builder()
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, ref.frameOfReferenceUid())
                .setSequence(Tag.RT_REFERENCED_STUDY_SEQUENCE, List.of(study))
                .build();
        return b.setString(Tag.SOP_CLASS_UID, Vr.UI, SopClass.RT_STRUCTURE_SET_STORAGE)
                .setString(Tag.OPERATORS_NAME, Vr.PN, "")
                // the Frame of Reference module, part of the RT Structure Set IOD since PS3.3 2020
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, ref.frameOfReferenceUid())
                .setString(Tag.POSITION_REFERENCE_INDICATOR, Vr.LO, "")
                .setString(Tag.STRUCTURE_SET_LABEL, Vr.SH, label.length() > 16 ? label.substring(0, 16) : label)
                .setString(Tag.STRUCTURE_SET_DATE, Vr.DA, when.format(DateTimeFormatter.BASIC_ISO_DATE))
                .setString(Tag.STRUCTURE_SET_TIME, Vr.TM, when.format(DateTimeFormatter.ofPattern("HHmmss")))
                .setSequence(Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, List.of(frame))
                .setSequence(Tag.STRUCTURE_SET_ROI_SEQUENCE, roiSet)
                .setSequence(Tag.ROI_CONTOUR_SEQUENCE, roiContours)
                .setSequence(Tag.RTROI_OBSERVATIONS_SEQUENCE, observations);
    }
}

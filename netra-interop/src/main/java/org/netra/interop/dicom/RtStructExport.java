package org.netra.interop.dicom;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * VOIs as an RT Structure Set (PS3.3 A.19): each mask traced along its voxel edges into closed planar
 * contours in the source series' Frame of Reference, each contour pointing at the source image of its
 * slice when the masks lie on the source grid.
 */
public final class RtStructExport {
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
    /** Detached Study Management SOP Class, which RT Referenced Study items conventionally name. */
    private static final String STUDY_REFERENCE_CLASS = "1.2.840.10008.3.1.2.3.1";

    private static final int[][] COLOURS = {{255, 0, 0}, {0, 160, 255}, {0, 200, 0}, {255, 160, 0}, {200, 0, 255}};

    /** A VOI to export and how to interpret it (RT ROI Interpreted Type: ORGAN, GTV, PTV, AVOIDANCE…). */
    public record Voi(Mask mask, String interpretedType) {
        public Voi {
            if (mask.isEmpty()) {
                throw new IllegalArgumentException("VOI '" + mask.name() + "' is empty; there is no contour to export");
            }
        }
    }

    private RtStructExport() {}

    public static Attributes toDataset(List<Voi> vois, SourceSeries source, String label) {
        if (vois.isEmpty()) {
            throw new IllegalArgumentException("no VOI to export");
        }
        Geometry grid = vois.getFirst().mask().geometry();
        for (Voi v : vois) {
            v.mask().requireOn(grid, "VOI '" + v.mask().name() + "'");
        }
        boolean onSourceGrid = grid.nz() == source.images().size();
        List<Attributes> imageRefs = source.imageReferences();

        List<Attributes> roiSet = new ArrayList<>();
        List<Attributes> roiContours = new ArrayList<>();
        List<Attributes> observations = new ArrayList<>();
        for (int r = 0; r < vois.size(); r++) {
            Voi voi = vois.get(r);
            int number = r + 1;
            roiSet.add(Attributes.builder()
                    .setString(Tag.ROI_NUMBER, Vr.IS, Integer.toString(number))
                    .setString(Tag.REFERENCED_FRAME_OF_REFERENCE_UID, Vr.UI, source.frameOfReferenceUid())
                    .setString(Tag.ROI_NAME, Vr.LO, voi.mask().name())
                    .setString(Tag.ROI_GENERATION_ALGORITHM, Vr.CS, "SEMIAUTOMATIC")
                    .build());
            List<Attributes> contours = new ArrayList<>();
            for (MaskContours.SliceContour c : MaskContours.of(voi.mask())) {
                var item = Attributes.builder()
                        .setString(Tag.CONTOUR_GEOMETRIC_TYPE, Vr.CS, "CLOSED_PLANAR")
                        .setString(Tag.NUMBER_OF_CONTOUR_POINTS, Vr.IS, Integer.toString(c.points().length / 3))
                        .setString(Tag.CONTOUR_DATA, Vr.DS, DecimalStrings.all(c.points()));
                if (onSourceGrid) {
                    item.setSequence(Tag.CONTOUR_IMAGE_SEQUENCE, List.of(imageRefs.get(c.k())));
                }
                contours.add(item.build());
            }
            int[] colour = COLOURS[r % COLOURS.length];
            roiContours.add(Attributes.builder()
                    .setString(
                            Tag.ROI_DISPLAY_COLOR,
                            Vr.IS,
                            Integer.toString(colour[0]),
                            Integer.toString(colour[1]),
                            Integer.toString(colour[2]))
                    .setSequence(Tag.CONTOUR_SEQUENCE, contours)
                    .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, Integer.toString(number))
                    .build());
            observations.add(Attributes.builder()
                    .setString(Tag.OBSERVATION_NUMBER, Vr.IS, Integer.toString(number))
                    .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, Integer.toString(number))
                    .setString(Tag.RTROI_INTERPRETED_TYPE, Vr.CS, voi.interpretedType())
                    .setString(Tag.ROI_INTERPRETER, Vr.PN, "")
                    .build());
        }

        Attributes series = Attributes.builder()
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, source.seriesInstanceUid())
                .setSequence(Tag.CONTOUR_IMAGE_SEQUENCE, imageRefs)
                .build();
        Attributes study = Attributes.builder()
                .setString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, STUDY_REFERENCE_CLASS)
                .setString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, source.studyInstanceUid())
                .setSequence(Tag.RT_REFERENCED_SERIES_SEQUENCE, List.of(series))
                .build();
        Attributes frame = Attributes.builder()
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, source.frameOfReferenceUid())
                .setSequence(Tag.RT_REFERENCED_STUDY_SEQUENCE, List.of(study))
                .build();

        LocalDateTime now = LocalDateTime.now();
        var b = source.newInstance(RT_STRUCTURE_SET_STORAGE, "RTSTRUCT", label, 902);
        b.setString(Tag.OPERATORS_NAME, Vr.PN, "")
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, source.frameOfReferenceUid())
                .setString(Tag.POSITION_REFERENCE_INDICATOR, Vr.LO, "")
                .remove(Tag.CONTENT_DATE)
                .remove(Tag.CONTENT_TIME)
                .setString(Tag.STRUCTURE_SET_LABEL, Vr.SH, label.length() > 16 ? label.substring(0, 16) : label)
                .setString(Tag.STRUCTURE_SET_DATE, Vr.DA, now.format(DateTimeFormatter.BASIC_ISO_DATE))
                .setString(Tag.STRUCTURE_SET_TIME, Vr.TM, now.format(DateTimeFormatter.ofPattern("HHmmss")))
                .setSequence(Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, List.of(frame))
                .setSequence(Tag.STRUCTURE_SET_ROI_SEQUENCE, roiSet)
                .setSequence(Tag.ROI_CONTOUR_SEQUENCE, roiContours)
                .setSequence(Tag.RTROI_OBSERVATIONS_SEQUENCE, observations);
        return b.build();
    }
}

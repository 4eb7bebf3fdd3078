package org.netra.sim.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * Writes VOIs as an RT Structure Set on the CT's frame of reference: one ROI per mask, one CLOSED_PLANAR
 * contour per outline per slice (along voxel edges, so that rasterising at voxel centres gives the mask
 * back), each contour referencing its CT slice.
 */
public final class RtStructWriter {
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
    /** The retired Detached Study Management SOP Class, which RT Referenced Study Sequences name by convention. */
    private static final String STUDY_COMPONENT_CLASS = "1.2.840.10008.3.1.2.3.1";

    private RtStructWriter() {}

    /** {@code interpretedTypes}: ROI name → RT ROI Interpreted Type (ORGAN, GTV, EXTERNAL, …). */
    public static void write(
            Path file,
            StudyContext study,
            List<Mask> masks,
            Map<String, String> interpretedTypes,
            List<String> ctSlices)
            throws IOException {
        Geometry g = masks.get(0).geometry();
        List<Attributes> sliceRefs = new ArrayList<>();
        for (String uid : ctSlices) {
            sliceRefs.add(imageRef(uid));
        }
        Attributes series = Attributes.builder()
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, Uids.of(study.seed(), "ct"))
                .setSequence(Tag.CONTOUR_IMAGE_SEQUENCE, sliceRefs)
                .build();
        Attributes refStudy = Attributes.builder()
                .setString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, STUDY_COMPONENT_CLASS)
                .setString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, study.studyUid())
                .setSequence(Tag.RT_REFERENCED_SERIES_SEQUENCE, List.of(series))
                .build();
        Attributes frame = Attributes.builder()
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, study.frameOfReferenceUid())
                .setSequence(Tag.RT_REFERENCED_STUDY_SEQUENCE, List.of(refStudy))
                .build();
        List<Attributes> rois = new ArrayList<>();
        List<Attributes> contours = new ArrayList<>();
        List<Attributes> observations = new ArrayList<>();
        double[] w = new double[3];
        for (int r = 0; r < masks.size(); r++) {
            Mask m = masks.get(r);
            String number = Integer.toString(r + 1);
            rois.add(Attributes.builder()
                    .setString(Tag.ROI_NUMBER, Vr.IS, number)
                    .setString(Tag.REFERENCED_FRAME_OF_REFERENCE_UID, Vr.UI, study.frameOfReferenceUid())
                    .setString(Tag.ROI_NAME, Vr.LO, m.name())
                    .setString(Tag.ROI_GENERATION_ALGORITHM, Vr.CS, "AUTOMATIC")
                    .build());
            List<Attributes> items = new ArrayList<>();
            for (int k = 0; k < g.nz(); k++) {
                for (double[] poly : ContourTracer.trace(m, k)) {
                    int n = poly.length / 2;
                    String[] xyz = new String[3 * n];
                    for (int p = 0; p < n; p++) {
                        g.indexToWorld(poly[2 * p], poly[2 * p + 1], k, w);
                        xyz[3 * p] = StudyContext.ds(round(w[0]));
                        xyz[3 * p + 1] = StudyContext.ds(round(w[1]));
                        xyz[3 * p + 2] = StudyContext.ds(round(w[2]));
                    }
                    items.add(Attributes.builder()
                            .setSequence(Tag.CONTOUR_IMAGE_SEQUENCE, List.of(imageRef(ctSlices.get(k))))
                            .setString(Tag.CONTOUR_GEOMETRIC_TYPE, Vr.CS, "CLOSED_PLANAR")
                            .setString(Tag.NUMBER_OF_CONTOUR_POINTS, Vr.IS, Integer.toString(n))
                            .setString(Tag.CONTOUR_DATA, Vr.DS, xyz)
                            .build());
                }
            }
            int[] rgb = colour(r);
            contours.add(Attributes.builder()
                    .setString(
                            Tag.ROI_DISPLAY_COLOR,
                            Vr.IS,
                            Integer.toString(rgb[0]),
                            Integer.toString(rgb[1]),
                            Integer.toString(rgb[2]))
                    .setSequence(Tag.CONTOUR_SEQUENCE, items)
                    .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, number)
                    .build());
            observations.add(Attributes.builder()
                    .setString(Tag.OBSERVATION_NUMBER, Vr.IS, number)
                    .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, number)
                    .setString(Tag.RTROI_INTERPRETED_TYPE, Vr.CS, interpretedTypes.getOrDefault(m.name(), "ORGAN"))
                    .setString(Tag.ROI_INTERPRETER, Vr.PN, "")
                    .build());
        }
        String uid = Uids.of(study.seed(), "rtstruct");
        Attributes.Builder b = study.common(
                        "RTSTRUCT", Uids.of(study.seed(), "rtstruct-series"), 90, "VOIs (phantom truth)")
                .setString(Tag.SOP_CLASS_UID, Vr.UI, RT_STRUCTURE_SET_STORAGE)
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, uid)
                .setString(Tag.OPERATORS_NAME, Vr.PN, "")
                // the Frame of Reference module, part of the RT Structure Set IOD since PS3.3 2020
                .setString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, study.frameOfReferenceUid())
                .setString(Tag.POSITION_REFERENCE_INDICATOR, Vr.LO, "")
                .setString(Tag.INSTANCE_NUMBER, Vr.IS, "1")
                .setString(Tag.STRUCTURE_SET_LABEL, Vr.SH, "netra-sim VOIs")
                .setString(Tag.STRUCTURE_SET_DATE, Vr.DA, StudyContext.DA.format(study.studyStart()))
                .setString(Tag.STRUCTURE_SET_TIME, Vr.TM, StudyContext.TM.format(study.studyStart()))
                .setSequence(Tag.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, List.of(frame))
                .setSequence(Tag.STRUCTURE_SET_ROI_SEQUENCE, rois)
                .setSequence(Tag.ROI_CONTOUR_SEQUENCE, contours)
                .setSequence(Tag.RTROI_OBSERVATIONS_SEQUENCE, observations);
        DicomWriter.write(file, b.build());
    }

    private static Attributes imageRef(String ctSliceUid) {
        return Attributes.builder()
                .setString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, ImageSeriesWriter.CT_IMAGE_STORAGE)
                .setString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, ctSliceUid)
                .build();
    }

    private static double round(double mm) {
        return Math.round(mm * 1e4) / 1e4;
    }

    private static int[] colour(int i) {
        int[][] palette = {
            {230, 25, 75}, {60, 180, 75}, {255, 225, 25}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
            {70, 240, 240}, {240, 50, 230}, {210, 245, 60}, {250, 190, 212}, {0, 128, 128}, {220, 190, 255},
            {170, 110, 40}, {128, 0, 0}, {170, 255, 195}
        };
        return palette[i % palette.length];
    }
}

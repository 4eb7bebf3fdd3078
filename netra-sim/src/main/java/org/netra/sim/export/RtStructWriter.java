package org.netra.sim.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.io.RtStructContent;
import org.netra.imaging.volume.Mask;

/**
 * Writes a twin's VOIs as an RT Structure Set on its CT's frame of reference through netra-imaging's
 * {@link RtStructContent}: one ROI per mask, one CLOSED_PLANAR contour per outline per slice (along voxel
 * edges, so that rasterising at voxel centres gives the mask back), each contour referencing its CT slice.
 */
public final class RtStructWriter {

    private RtStructWriter() {}

    /** {@code interpretedTypes}: ROI name → RT ROI Interpreted Type (ORGAN, GTV, EXTERNAL, …). */
    public static void write(
            Path file,
            StudyContext study,
            List<Mask> masks,
            Map<String, String> interpretedTypes,
            List<String> ctSlices)
            throws IOException {
        List<Attributes> sliceRefs = new ArrayList<>();
        for (String uid : ctSlices) {
            sliceRefs.add(Attributes.builder()
                    .setString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, SopClass.CT_IMAGE_STORAGE)
                    .setString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, uid)
                    .build());
        }
        Attributes.Builder b = study.common(
                        "RTSTRUCT", TwinUids.of(study.seed(), "rtstruct-series"), 90, "VOIs (phantom truth)")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, TwinUids.of(study.seed(), "rtstruct"))
                .setString(Tag.INSTANCE_NUMBER, Vr.IS, "1");
        RtStructContent.put(
                b,
                masks.stream()
                        .map(m -> new RtStructContent.Roi(m, interpretedTypes.getOrDefault(m.name(), "ORGAN")))
                        .toList(),
                new RtStructContent.Reference(
                        study.frameOfReferenceUid(), study.studyUid(), TwinUids.of(study.seed(), "ct"), sliceRefs),
                "netra-sim VOIs",
                "AUTOMATIC",
                study.studyStart(),
                RtStructWriter::decimals);
        DicomWriter.write(file, b.build());
    }

    /** Contour coordinates to 0.1 µm, as the twins always wrote them. */
    private static String[] decimals(double[] mm) {
        String[] out = new String[mm.length];
        for (int i = 0; i < mm.length; i++) {
            out[i] = StudyContext.ds(Math.round(mm[i] * 1e4) / 1e4);
        }
        return out;
    }
}

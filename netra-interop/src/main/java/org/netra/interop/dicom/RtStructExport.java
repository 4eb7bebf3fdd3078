package org.netra.interop.dicom;

import java.time.LocalDateTime;
import java.util.List;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.SopClass;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.io.RtStructContent;
import org.netra.imaging.volume.Mask;

/**
 * VOIs as an RT Structure Set (PS3.3 A.19) on a source series: netra-imaging's {@link RtStructContent}
 * writes the structure set (contours in the source series' Frame of Reference, each pointing at the source
 * image of its slice when the masks lie on the source grid); this adds the source's patient and study.
 */
public final class RtStructExport {

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
        var b = source.newInstance(SopClass.RT_STRUCTURE_SET_STORAGE, "RTSTRUCT", label, 902)
                .remove(Tag.CONTENT_DATE)
                .remove(Tag.CONTENT_TIME);
        return RtStructContent.put(
                        b,
                        vois.stream()
                                .map(v -> new RtStructContent.Roi(v.mask(), v.interpretedType()))
                                .toList(),
                        new RtStructContent.Reference(
                                source.frameOfReferenceUid(),
                                source.studyInstanceUid(),
                                source.seriesInstanceUid(),
                                source.imageReferences()),
                        label,
                        "SEMIAUTOMATIC",
                        LocalDateTime.now(),
                        DecimalStrings::all)
                .build();
    }
}

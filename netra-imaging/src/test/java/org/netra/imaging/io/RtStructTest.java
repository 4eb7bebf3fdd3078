package org.netra.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

class RtStructTest {
    @TempDir
    Path dir;

    /** A 20×20 mm square ring with a 10×10 mm hole, on slices z = 4 and z = 6 (2 mm grid from 0). */
    private static Attributes structureSet(double z) {
        double[] outer = {-0.5, -0.5, z, 19.5, -0.5, z, 19.5, 19.5, z, -0.5, 19.5, z};
        double[] inner = {4.5, 4.5, z, 14.5, 4.5, z, 14.5, 14.5, z, 4.5, 14.5, z};
        List<Attributes> contours = List.of(contour(outer), contour(inner));
        Attributes roi = Attributes.builder()
                .setString(Tag.ROI_NUMBER, Vr.IS, "7")
                .setString(Tag.ROI_NAME, Vr.LO, "ring")
                .build();
        Attributes roiContour = Attributes.builder()
                .setString(Tag.REFERENCED_ROI_NUMBER, Vr.IS, "7")
                .setSequence(Tag.CONTOUR_SEQUENCE, contours)
                .build();
        return Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.481.3")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3.4")
                .setString(Tag.MODALITY, Vr.CS, "RTSTRUCT")
                .setSequence(Tag.STRUCTURE_SET_ROI_SEQUENCE, List.of(roi))
                .setSequence(Tag.ROI_CONTOUR_SEQUENCE, List.of(roiContour))
                .build();
    }

    private static Attributes contour(double[] points) {
        String[] s = new String[points.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Double.toString(points[i]);
        }
        return Attributes.builder()
                .setString(Tag.CONTOUR_GEOMETRIC_TYPE, Vr.CS, "CLOSED_PLANAR")
                .setString(Tag.NUMBER_OF_CONTOUR_POINTS, Vr.IS, Integer.toString(points.length / 3))
                .setString(Tag.CONTOUR_DATA, Vr.DS, s)
                .build();
    }

    @Test
    void aContourInsideAnotherIsAHole() throws Exception {
        Path f = dir.resolve("rs.dcm");
        DicomWriter.write(f, structureSet(4.3));
        Geometry g = Geometry.of(20, 20, 5, new double[] {1, 1, 2}, new double[3]);
        Mask m = RtStruct.read(f).rasterise(g).get(0);
        // the outer square covers voxel centres 0…19 in x and y (400), the hole centres 5…14 (100):
        // 300 voxels, all on slice k = 2 (z 4.3 mm is nearest the slice at 4 mm)
        assertThat(m.name()).isEqualTo("ring");
        assertThat(m.voxelCount()).isEqualTo(300);
        assertThat(m.contains(0, 0, 2)).isTrue();
        assertThat(m.contains(5, 5, 2)).isFalse();
        assertThat(m.contains(4, 4, 2)).isTrue();
    }

    @Test
    void aContourOutsideTheImageIsATypedErrorNamingTheRoi() throws Exception {
        Path f = dir.resolve("rs.dcm");
        DicomWriter.write(f, structureSet(30));
        Geometry g = Geometry.of(25, 25, 5, new double[] {1, 1, 2}, new double[3]);
        assertThatThrownBy(() -> RtStruct.of(DicomFile.read(f)).rasterise(g))
                .isInstanceOf(VoiOutsideImageException.class)
                .hasMessageContaining("'ring'")
                .hasMessageContaining("outside the image");
    }
}

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
        return structureSet(List.of(outer, inner));
    }

    /** A square of side {@code side} mm from (x0, y0) on the plane z. */
    private static double[] square(double x0, double y0, double side, double z) {
        return new double[] {x0, y0, z, x0 + side, y0, z, x0 + side, y0 + side, z, x0, y0 + side, z};
    }

    /** One ROI, "ring", of these closed planar contours. */
    private static Attributes structureSet(List<double[]> polygons) {
        List<Attributes> contours = polygons.stream().map(RtStructTest::contour).toList();
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

    @Test
    void contoursDrawnEveryOtherSliceFillTheSlicesBetweenThem() throws Exception {
        // a 20x20 mm square drawn on planes 4 mm apart (a CT's slices) at z = 4, 8, 12, 16: the organ is 16 mm long
        // (four slabs of 4 mm), which is 8 slices of a 2 mm grid, not the 4 slices the planes fall on
        Path f = dir.resolve("rs.dcm");
        DicomWriter.write(
                f,
                structureSet(List.of(
                        square(-0.5, -0.5, 20, 4),
                        square(-0.5, -0.5, 20, 8),
                        square(-0.5, -0.5, 20, 12),
                        square(-0.5, -0.5, 20, 16))));
        Geometry g = Geometry.of(20, 20, 12, new double[] {1, 1, 2}, new double[3]);
        Mask m = RtStruct.read(f).rasterise(g).get(0);
        assertThat(m.voxelCount()).isEqualTo(8 * 400);
        for (int k = 0; k < 12; k++) {
            // plane k fills the slices s with k in [s - 1, s + 1) (its 4 mm slab, half-open as Math.round would
            // take a plane between two slices): the planes at k = 2, 4, 6, 8 fill slices 2..9
            assertThat(m.contains(10, 10, k)).as("slice %d", k).isEqualTo(k >= 2 && k <= 9);
        }
        // on the grid the contours were drawn on (4 mm slices), each plane fills its own slice only
        Geometry own = Geometry.of(20, 20, 6, new double[] {1, 1, 4}, new double[3]);
        assertThat(RtStruct.read(f).rasterise(own).get(0).voxelCount()).isEqualTo(4 * 400);
    }

    @Test
    void aSliceThickerThanTheContoursTakesItsNearestPlaneNotTheirEvenOddUnion() throws Exception {
        // two overlapping squares on planes 1 mm apart, both within one 4 mm slice: the slice's centre (z = 4) is on
        // the first plane, whose square it takes whole; the even-odd union of both would make their overlap a hole
        Path f = dir.resolve("rs.dcm");
        DicomWriter.write(f, structureSet(List.of(square(-0.5, -0.5, 10, 4), square(4.5, 4.5, 10, 5))));
        Geometry g = Geometry.of(20, 20, 4, new double[] {1, 1, 4}, new double[3]);
        Mask m = RtStruct.read(f).rasterise(g).get(0);
        assertThat(m.voxelCount()).isEqualTo(100);
        assertThat(m.contains(7, 7, 1)).isTrue();
        assertThat(m.contains(12, 12, 1)).isFalse();
    }
}

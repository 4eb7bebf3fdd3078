package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.testkit.TestData;

class SeriesAssemblerTest {
    @TempDir
    Path dir;

    @Test
    void slicesAreSortedAlongTheNormalWithEachSlicesOwnRescale() throws Exception {
        // written in shuffled order, descending z, each slice its own slope
        double[] z = {30, 10, 20, 0};
        double[] slope = {4, 2, 3, 1};
        for (int s = 0; s < 4; s++) {
            SyntheticSeries.write(
                    dir,
                    "s" + s + ".dcm",
                    SyntheticSeries.slice("1.2.3", s + 1, 5, 4, new double[] {-7, 11, z[s]}, slope[s], 100 * s));
        }
        AssembledSeries a = SeriesAssembler.assemble(dir);
        Geometry g = a.volume().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(5, 4, 4);
        assertThat(g.spacing()).containsExactly(3.0, 2.0, 10.0); // PixelSpacing is row\column spacing
        assertThat(g.origin()).containsExactly(-7.0, 11.0, 0.0);
        assertThat(a.warnings()).isEmpty();
        // slice k = 0 is z = 0, written as file s3 with base 300, slope 1
        assertThat(a.volume().get(2, 1, 0)).isEqualTo((300 + 2 + 10) * 1f);
        assertThat(a.volume().get(4, 3, 3)).isEqualTo((0 + 4 + 30) * 4f);
        assertThat(a.volume().unit()).isEqualTo(VoxelUnit.BQ_PER_ML);
    }

    @Test
    void aMissingSliceIsAGapFilledWithZerosAndReported() throws Exception {
        for (int s : new int[] {0, 1, 3, 4}) {
            SyntheticSeries.write(
                    dir,
                    "s" + s + ".dcm",
                    SyntheticSeries.slice("1.2.3", s + 1, 3, 3, new double[] {0, 0, 2.5 * s}, 1, 1));
        }
        AssembledSeries a = SeriesAssembler.assemble(dir);
        assertThat(a.volume().geometry().nz()).isEqualTo(5);
        assertThat(a.volume().get(1, 1, 2)).isZero();
        assertThat(a.volume().get(1, 1, 3)).isEqualTo(12f);
        assertThat(a.warnings()).singleElement().isInstanceOf(AssemblyWarning.Gap.class);
        assertThat(((AssemblyWarning.Gap) a.warnings().get(0)).missing()).isEqualTo(1);
    }

    @Test
    void unevenSpacingIsReported() throws Exception {
        double[] z = {0, 3, 6, 9.4, 12.4};
        for (int s = 0; s < z.length; s++) {
            SyntheticSeries.write(
                    dir,
                    "s" + s + ".dcm",
                    SyntheticSeries.slice("1.2.3", s + 1, 3, 3, new double[] {0, 0, z[s]}, 1, 1));
        }
        AssembledSeries a = SeriesAssembler.assemble(dir);
        assertThat(a.warnings()).singleElement().isInstanceOf(AssemblyWarning.UnevenSpacing.class);
        assertThat(a.volume().geometry().spacing(2)).isEqualTo(3.0);
    }

    @Test
    void twoSeriesInOneFolderAreATypedErrorUnlessOneIsChosen() throws Exception {
        SyntheticSeries.write(dir, "a.dcm", SyntheticSeries.slice("1.2.3", 1, 3, 3, new double[] {0, 0, 0}, 1, 1));
        SyntheticSeries.write(dir, "b.dcm", SyntheticSeries.slice("1.2.4", 1, 3, 3, new double[] {0, 0, 0}, 1, 1));
        assertThatThrownBy(() -> SeriesAssembler.assemble(dir))
                .isInstanceOf(MultipleSeriesException.class)
                .hasMessageContaining("1.2.3")
                .hasMessageContaining("1.2.4");
        AssembledSeries a = SeriesAssembler.assemble(dir, Optional.of("1.2.4"));
        assertThat(a.warnings()).singleElement().isInstanceOf(AssemblyWarning.OtherSeriesIgnored.class);
    }

    @Test
    void mixedSizesAndDuplicatePositionsAreTypedErrors() throws Exception {
        SyntheticSeries.write(dir, "a.dcm", SyntheticSeries.slice("1.2.3", 1, 3, 3, new double[] {0, 0, 0}, 1, 1));
        SyntheticSeries.write(dir, "b.dcm", SyntheticSeries.slice("1.2.3", 2, 4, 3, new double[] {0, 0, 2}, 1, 1));
        assertThatThrownBy(() -> SeriesAssembler.assemble(dir))
                .isInstanceOf(SeriesAssemblyException.class)
                .hasMessageContaining("mixed image sizes");
        SyntheticSeries.write(dir, "b.dcm", SyntheticSeries.slice("1.2.3", 2, 3, 3, new double[] {0, 0, 0}, 1, 1));
        assertThatThrownBy(() -> SeriesAssembler.assemble(dir))
                .isInstanceOf(SeriesAssemblyException.class)
                .hasMessageContaining("same position");
    }

    @Test
    void theRealSpectIsA256By256By199VolumeAtItsHeaderGeometry() throws Exception {
        Path series = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image");
        AssembledSeries a = SeriesAssembler.assemble(series);
        Geometry g = a.volume().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(256, 256, 199);
        assertThat(g.spacing(2)).isCloseTo(1.95313, within(1e-4));
        // first slice's Image Position (Patient), from dcmdump
        assertThat(g.origin()).containsExactly(new double[] {-249.023, -410.023, 1156.93}, within(1e-9));
        assertThat(a.kind()).isEqualTo(AssembledSeries.Kind.SINGLE_FRAME_SLICES);
        assertThat(a.warnings()).isEmpty();
    }

    @Test
    void theFdgPetSpacingComesFromPositionsAndItsBedJunctionsAreReported() throws Exception {
        AssembledSeries a = SeriesAssembler.assemble(TestData.path("dicom/fdg-pet-sts001/pet-bqml/image"));
        assertThat(a.volume().geometry().nz()).isEqualTo(267);
        assertThat(a.volume().geometry().spacing(2)).isCloseTo(3.27, within(1e-3));
        // steps of 3.19 mm and 3.29 mm at bed junctions (dcmdump of the positions)
        assertThat(a.warnings()).singleElement().isInstanceOf(AssemblyWarning.UnevenSpacing.class);
    }

    @Test
    void nmTomographicMultiFrameUsesTheSliceVectorAndSpacingBetweenSlices() throws Exception {
        AssembledSeries a = SeriesAssembler.assemble(TestData.path("dicom/samples/NM-MONO2-16-13x-heart.dcm"));
        assertThat(a.kind()).isEqualTo(AssembledSeries.Kind.NM_TOMOGRAPHIC);
        Geometry g = a.volume().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(64, 64, 13);
        assertThat(g.spacing()).containsExactly(new double[] {3.11583, 3.11583, 6.231669}, within(1e-9));
        assertThat(a.warnings()).singleElement().isInstanceOf(AssemblyWarning.NoPatientPosition.class);
        assertThat(a.volume().unit()).isEqualTo(VoxelUnit.COUNTS);
    }

    @Test
    void planarNmFramesAreNamedViews() throws Exception {
        java.nio.ByteBuffer px = java.nio.ByteBuffer.allocate(2 * 4 * 3 * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v = 0; v < 2 * 4 * 3; v++) {
            px.putShort((short) v);
        }
        java.util.function.Function<String, Attributes> view = meaning -> Attributes.builder()
                .setSequence(
                        0x00540220,
                        java.util.List.of(Attributes.builder()
                                .setString(0x00080104, Vr.LO, meaning)
                                .build()))
                .build();
        Attributes nm = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.20")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.9.1")
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, "1.2.9")
                .setString(Tag.MODALITY, Vr.CS, "NM")
                .setString(Tag.IMAGE_TYPE, Vr.CS, "ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION")
                .setString(Tag.NUMBER_OF_FRAMES, Vr.IS, "2")
                .setInts(0x00540020, Vr.US, 1, 2)
                .setSequence(
                        Tag.DETECTOR_INFORMATION_SEQUENCE,
                        java.util.List.of(view.apply("ANTERIOR"), view.apply("POSTERIOR")))
                .setString(Tag.PIXEL_SPACING, Vr.DS, "2.26", "2.26")
                .setInts(Tag.ROWS, Vr.US, 3)
                .setInts(Tag.COLUMNS, Vr.US, 4)
                .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                .setInts(Tag.BITS_ALLOCATED, Vr.US, 16)
                .setInts(Tag.BITS_STORED, Vr.US, 16)
                .setInts(Tag.HIGH_BIT, Vr.US, 15)
                .setInts(Tag.PIXEL_REPRESENTATION, Vr.US, 0)
                .setBytes(Tag.PIXEL_DATA, Vr.OW, px.array())
                .build();
        DicomWriter.write(dir.resolve("wb.dcm"), nm);
        AssembledSeries a = SeriesAssembler.assemble(dir);
        assertThat(a.kind()).isEqualTo(AssembledSeries.Kind.PLANAR);
        assertThat(a.views()).extracting(PlanarView::name).containsExactly("ANTERIOR", "POSTERIOR");
        Geometry g = a.views().get(1).image().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(4, 3, 1);
        assertThat(a.views().get(1).image().get(3, 2, 0)).isEqualTo(12 + 11f);
        assertThat(a.volume().unit()).isEqualTo(VoxelUnit.COUNTS);
    }

    /** A real 12-bit lossy JPEG whole-body bone scan (dcm4che test data): one 256 × 1024 planar view. */
    @Test
    void aRealWholeBodyBoneScanAssemblesAsAPlanarView() throws Exception {
        AssembledSeries a = SeriesAssembler.assemble(TestData.path("dicom/samples/NM1_JPLY.dcm"));
        assertThat(a.kind()).isEqualTo(AssembledSeries.Kind.PLANAR);
        Geometry g = a.volume().geometry();
        assertThat(new int[] {g.nx(), g.ny(), g.nz()}).containsExactly(256, 1024, 1);
        float max = 0;
        for (float v : a.volume().voxels()) {
            max = Math.max(max, v);
        }
        assertThat(max).as("a bone scan has counts").isGreaterThan(0);
    }
}

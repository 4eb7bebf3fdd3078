package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.SyntheticSeries;

/**
 * Pixel encodings of issue 18 decoded as pydicom decodes them: Float and Double Float Pixel Data
 * (parametric maps) and uncompressed YBR_FULL_422.
 */
class PixelVariantsTest {
    @TempDir
    Path dir;

    /** Two slices of a 3×2 parametric map, values of both signs and fractions that float32 holds exactly. */
    private Path realSlice(int slice, boolean dbl) throws Exception {
        double[] v = new double[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i - 2.5) * 0.125 + slice * 1000.5;
        }
        Path f = dir.resolve("map" + slice + (dbl ? "d" : "f") + ".dcm");
        DicomWriter.write(
                f,
                Attributes.builder()
                        .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.30")
                        .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.30" + slice + (dbl ? 1 : 0))
                        .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, "2.25.30" + (dbl ? 1 : 0))
                        .setString(Tag.MODALITY, Vr.CS, "OT")
                        .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, "0", "0", Integer.toString(5 * slice))
                        .setString(Tag.IMAGE_ORIENTATION_PATIENT, Vr.DS, "1", "0", "0", "0", "1", "0")
                        .setString(Tag.PIXEL_SPACING, Vr.DS, "2", "2")
                        .setInts(Tag.ROWS, Vr.US, 2)
                        .setInts(Tag.COLUMNS, Vr.US, 3)
                        .setInts(Tag.SAMPLES_PER_PIXEL, Vr.US, 1)
                        .setString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
                        .setInts(Tag.BITS_ALLOCATED, Vr.US, dbl ? 64 : 32)
                        .setDoubles(dbl ? Tag.DOUBLE_FLOAT_PIXEL_DATA : Tag.FLOAT_PIXEL_DATA, dbl ? Vr.OD : Vr.OF, v)
                        .build());
        return f;
    }

    @Test
    void floatAndDoubleFloatPixelDataReadLikePydicom() throws Exception {
        Tools.requirePydicom();
        for (boolean dbl : List.of(false, true)) {
            Path f = realSlice(1, dbl);
            realSlice(0, dbl);
            DicomFile file = DicomFile.read(f);
            double[] mine = PixelData.realValues(file);
            assertThat(mine[0]).isEqualTo(1000.5 - 2.5 * 0.125);
            String reference = Tools.python("corpus_tools.py", List.of("real", f.toString()))
                    .strip();
            assertThat(sha256(mine) + " " + mine.length).as(f.toString()).isEqualTo(reference);
            assertThatThrownBy(() -> PixelData.decode(file))
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining("realValues");
        }
        Files.delete(dir.resolve("map0d.dcm"));
        Files.delete(dir.resolve("map1d.dcm"));
        AssembledSeries map = SeriesAssembler.assemble(dir);
        assertThat(map.volume().geometry().nz()).isEqualTo(2);
        assertThat(map.volume().get(2, 1, 1)).isEqualTo((float) (2.5 * 0.125 + 1000.5));
    }

    @Test
    void ybrFull422UncompressedExpandsLikePydicom() throws Exception {
        Tools.requirePydicom();
        // 2×2 pixels as Y1 Y2 Cb Cr pairs: PS3.3 C.7.6.3.1.2
        byte[] stored = {10, 20, 100, (byte) 200, 30, 40, 110, (byte) 210};
        Path f = dir.resolve("ybr.dcm");
        var ybr = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.422");
        DicomWriter.write(
                f,
                SyntheticSeries.imagePixel(ybr, 2, 2, 3, "YBR_FULL_422", 8)
                        .setBytes(Tag.PIXEL_DATA, Vr.OB, stored)
                        .build());
        Pixels px = PixelData.decode(DicomFile.read(f));
        assertThat(px.values()).containsExactly(10, 100, 200, 20, 100, 200, 30, 110, 210, 40, 110, 210);
        List<Path> files = List.of(
                f,
                Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/"
                        + "SC_ybr_full_422_uncompressed.dcm"));
        for (Path p : files) {
            if (!Files.exists(p)) {
                continue;
            }
            String[] reference = Tools.python("pixel_reference.py", List.of(p.toString()))
                    .strip()
                    .split("\t");
            int[] mine = PixelData.decode(DicomFile.read(p)).values();
            assertThat(PixelDataAgreementTest.sha256(mine)).as(p.toString()).isEqualTo(reference[1]);
        }
    }

    /** Two JPEG-LS frames by DCMTK, the second of another image's size: refused naming that frame. */
    @Test
    void aFrameWhoseSizeDiffersFromTheDataSetIsNamed() throws Exception {
        Tools.requireDcmtk("dcmcjpls");
        Tools.requireDcmtk("dcmdjpeg");
        Path heart = dir.resolve("heart-jls.dcm");
        Tools.require(List.of(
                "/usr/bin/dcmcjpls",
                org.netra.testkit.TestData.path("dicom/samples/NM-MONO2-16-13x-heart.dcm")
                        .toString(),
                heart.toString()));
        Path pet = dir.resolve("gh184.dcm");
        Tools.require(List.of(
                "/usr/bin/dcmdjpeg",
                org.netra.testkit.TestData.path("dicom/samples/GH184.dcm").toString(),
                pet.toString()));
        Path petJls = dir.resolve("gh184-jls.dcm");
        Tools.require(List.of("/usr/bin/dcmcjpls", pet.toString(), petJls.toString()));
        DicomFile heartFile = DicomFile.read(heart);
        byte[] first =
                heartFile.dataset().fragments(Tag.PIXEL_DATA).orElseThrow().frame(0, 13);
        byte[] other = DicomFile.read(petJls)
                .dataset()
                .fragments(Tag.PIXEL_DATA)
                .orElseThrow()
                .frame(0, 1);
        byte[] buffer = new byte[first.length + other.length];
        System.arraycopy(first, 0, buffer, 0, first.length);
        System.arraycopy(other, 0, buffer, first.length, other.length);
        var fragments = new Fragments("two-frames.dcm", buffer, new long[0], new int[] {0, first.length}, new int[] {
            first.length, other.length
        });
        Attributes ds = heartFile.dataset().toBuilder()
                .setString(Tag.NUMBER_OF_FRAMES, Vr.IS, "2")
                .put(Tag.PIXEL_DATA, Vr.OB, null, 0, 0, fragments)
                .build();
        var file = new DicomFile("two-frames.dcm", heartFile.meta(), ds, heartFile.transferSyntax(), List.of());
        assertThatThrownBy(() -> PixelData.decode(file))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("two-frames.dcm")
                .hasMessageContaining("frame 2 of 2")
                .hasMessageContaining("128×128×1");
    }

    private static String sha256(double[] values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}

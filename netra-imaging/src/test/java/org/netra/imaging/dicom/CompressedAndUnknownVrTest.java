package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.AssembledSeries;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;

/**
 * The crashes of issue 18, each rebuilt here from a file netra writes and converted by an independent
 * tool: an RLE-compressed RT Dose (DCMTK {@code dcmcrle}), elements re-encoded as explicit VR UN (pydicom,
 * as a node that did not know them writes them) and an unknown transfer syntax. Each used to end in
 * {@code ArithmeticException: / by zero} or a generic failure.
 */
class CompressedAndUnknownVrTest {
    @TempDir
    Path dir;

    static final int COLUMNS = 5;
    static final int ROWS = 4;
    static final int FRAMES = 3;
    static final double SCALING = 2.5e-5;

    /** An RT Dose grid: 32-bit stored values 1000·f + 37·j + i + 65536·(i % 2), 3 frames 4 mm apart. */
    static Attributes rtDose() {
        ByteBuffer px = ByteBuffer.allocate(COLUMNS * ROWS * FRAMES * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < FRAMES; f++) {
            for (int j = 0; j < ROWS; j++) {
                for (int i = 0; i < COLUMNS; i++) {
                    px.putInt(stored(i, j, f));
                }
            }
        }
        var dose = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.481.2")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.4242.1")
                .setString(Tag.MODALITY, Vr.CS, "RTDOSE")
                .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, "2.25.4242")
                .setString(Tag.IMAGE_POSITION_PATIENT, Vr.DS, "-10", "-20", "30")
                .setString(Tag.IMAGE_ORIENTATION_PATIENT, Vr.DS, "1", "0", "0", "0", "1", "0")
                .setString(Tag.PIXEL_SPACING, Vr.DS, "2", "3")
                .setString(Tag.NUMBER_OF_FRAMES, Vr.IS, Integer.toString(FRAMES))
                .setInts(0x00280009, Vr.AT, Tag.GRID_FRAME_OFFSET_VECTOR)
                .setString(Tag.DOSE_UNITS, Vr.CS, "GY")
                .setString(Tag.DOSE_TYPE, Vr.CS, "PHYSICAL")
                .setString(Tag.DOSE_SUMMATION_TYPE, Vr.CS, "PLAN")
                .setString(Tag.GRID_FRAME_OFFSET_VECTOR, Vr.DS, "0", "4", "8")
                .setString(Tag.DOSE_GRID_SCALING, Vr.DS, "2.5e-05")
                .setBytes(Tag.PIXEL_DATA, Vr.OW, px.array());
        return org.netra.imaging.volume.SyntheticSeries.imagePixel(dose, ROWS, COLUMNS, 1, "MONOCHROME2", 32)
                .build();
    }

    static int stored(int i, int j, int f) {
        return 1000 * f + 37 * j + i + 65536 * (i % 2);
    }

    private Path writeDose() throws IOException {
        Path plain = dir.resolve("dose.dcm");
        DicomWriter.write(plain, rtDose());
        return plain;
    }

    @Test
    void rleRtDoseDecodesLikePydicomAndAssemblesInGray() throws Exception {
        Tools.requireDcmtk("dcmcrle");
        Tools.requirePydicom();
        Path rle = dir.resolve("dose-rle.dcm");
        Tools.require(List.of("/usr/bin/dcmcrle", writeDose().toString(), rle.toString()));

        DicomFile file = DicomFile.read(rle);
        assertThat(file.transferSyntax().codec()).isEqualTo(TransferSyntax.Codec.RLE);
        Pixels px = PixelData.decode(file);
        assertThat(px.values()[2 * COLUMNS * ROWS + 3 * COLUMNS + 1]).isEqualTo(stored(1, 3, 2));
        String reference = Tools.python("pixel_reference.py", List.of(rle.toString()));
        assertThat(reference.split("\t")[1]).isEqualTo(PixelDataAgreementTest.sha256(px.values()));

        AssembledSeries dose = SeriesAssembler.assemble(rle);
        assertThat(dose.volume().unit()).isEqualTo(VoxelUnit.GY);
        assertThat(dose.volume().geometry().nz()).isEqualTo(FRAMES);
        assertThat(dose.volume().geometry().spacing(2)).isCloseTo(4, within(1e-9));
        assertThat(dose.volume().get(4, 1, 2)).isCloseTo((float) (stored(4, 1, 2) * SCALING), within(1e-6f));
    }

    @Test
    void elementsEncodedAsUnknownAreReadWithTheirDictionaryVr() throws Exception {
        Tools.requirePydicom();
        Path un = dir.resolve("dose-un.dcm");
        List<String> tags = List.of("00200032", "00200037", "00280030", "3004000c", "3004000e", "00280008");
        var args = new java.util.ArrayList<>(List.of("to-un", writeDose().toString(), un.toString()));
        args.addAll(tags);
        Tools.python("corpus_tools.py", args);
        assertThat(Tools.run(List.of("/usr/bin/dcmdump", un.toString())).out())
                .as("pydicom wrote the elements as UN")
                .contains("(3004,000e) UN");

        DicomFile file = DicomFile.read(un);
        Attributes ds = file.dataset();
        assertThat(ds.vr(Tag.DOSE_GRID_SCALING)).contains(Vr.DS);
        assertThat(ds.decimal(Tag.DOSE_GRID_SCALING).getAsDouble()).isEqualTo(SCALING);
        assertThat(ds.doubles(Tag.GRID_FRAME_OFFSET_VECTOR)).containsExactly(0, 4, 8);
        assertThat(ds.integer(Tag.NUMBER_OF_FRAMES, 0)).isEqualTo(FRAMES);
        String pydicom =
                Tools.python("corpus_tools.py", List.of("values", un.toString(), "3004000e", "3004000c", "00200032"));
        assertThat(pydicom.lines().toList()).containsExactly("2.5e-05", "0\\4\\8", "-10\\-20\\30");
        AssembledSeries dose = SeriesAssembler.assemble(un);
        assertThat(dose.volume().geometry().origin(2)).isCloseTo(30, within(1e-9));
    }

    @Test
    void aNumberAskedOfBytesIsATypedErrorNotADivisionByZero() {
        Attributes ds = Attributes.builder()
                .setBytes(0x00091010, Vr.UN, new byte[] {1, 2, 3, 4})
                .setBytes(0x00091011, Vr.OB, new byte[] {1, 2})
                .build();
        assertThatThrownBy(() -> ds.doubles(0x00091010))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("(0009,1010)")
                .hasMessageContaining("UN value is not a number");
        assertThatThrownBy(() -> ds.decimal(0x00091011)).isInstanceOf(InvalidValueException.class);
    }

    /** A transfer syntax netra does not know: series assembly passes on the decoder's typed refusal naming it. */
    @Test
    void anUndecodableSyntaxIsRefusedByNameThroughSeriesAssembly() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(org.netra.testkit.TestData.path("dicom/samples/GH184.dcm"));
        String jpegLossless = "1.2.840.10008.1.2.4.70";
        String unknown = "1.2.840.10008.1.2.4.20";
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf(jpegLossless);
        assertThat(at).isPositive();
        // same length: the UID keeps its element length
        byte[] patched = (text.substring(0, at) + unknown + text.substring(at + jpegLossless.length()))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("unknown-syntax.dcm");
        Files.write(file, patched);
        assertThatThrownBy(() -> SeriesAssembler.assemble(file))
                .isInstanceOf(UnsupportedTransferSyntaxException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(unknown)
                .hasMessageContaining("cannot be decoded by netra");
    }
}

package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * Departures from the standard that DCMTK and pydicom read past are read past here too, each recorded
 * as a typed {@link ReadWarning} on the file; the strict mode refuses them. The broken files are made
 * from real ones: values by DCMTK {@code dcmodify}, structure by patching bytes.
 */
class LenientReadTest {
    @TempDir
    Path dir;

    private Path modified(String sample, String... assignments) throws Exception {
        Tools.requireDcmtk("dcmodify");
        Path copy = dir.resolve(sample);
        Files.copy(TestData.path("dicom/samples/" + sample), copy);
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/dcmodify", "-nb", "-ie"));
        for (String a : assignments) {
            cmd.add("-i");
            cmd.add(a);
        }
        cmd.add(copy.toString());
        Tools.require(cmd);
        return copy;
    }

    @Test
    void numberOfFramesWithTrailingJunkKeepsItsNumber() throws Exception {
        Path f = modified("GH184.dcm", "(0028,0008)=1A");
        DicomFile file = DicomFile.read(f);
        assertThat(file.dataset().integer(Tag.NUMBER_OF_FRAMES, 0)).isEqualTo(1);
        assertThat(file.warnings())
                .singleElement()
                .isEqualTo(new ReadWarning.InvalidValue(
                        f.toString(), offsetOf(f, Tag.NUMBER_OF_FRAMES), Tag.NUMBER_OF_FRAMES, Vr.IS, "1A", "1"));
        assertThat(file.warnings().get(0).describe()).contains("NumberOfFrames").contains("read as '1'");
        assertThat(PixelData.decode(file).values())
                .isEqualTo(PixelData.decode(DicomFile.read(TestData.path("dicom/samples/GH184.dcm")))
                        .values());
        DicomFile strict = DicomFile.read(f, DicomFile.Extent.ALL, DicomFile.Leniency.STRICT);
        assertThatThrownBy(() -> strict.dataset().integer(Tag.NUMBER_OF_FRAMES))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'1A' is not an integer");
    }

    @Test
    void anImpossibleDateReadsAsAbsent() throws Exception {
        Path f = modified("GH184.dcm", "(0008,0022)=00000000", "(0008,0020)=00000000");
        DicomFile file = DicomFile.read(f);
        assertThat(file.dataset().date(Tag.ACQUISITION_DATE)).isEmpty();
        assertThat(file.dataset().date(Tag.STUDY_DATE)).isEmpty();
        assertThat(file.warnings())
                .hasSize(2)
                .allSatisfy(w -> assertThat(w.describe()).contains("'00000000'").contains("read as absent"));
        assertThat(SeriesAssembler.assemble(f).earliestAcquisition()).isEmpty();
    }

    /** GH184 is JPEG lossless: its one fragment item gets the undefined length PS3.5 A.4 forbids. */
    @Test
    void aFragmentOfUndefinedLengthRunsToTheNextDelimiter() throws Exception {
        byte[] original = Files.readAllBytes(TestData.path("dicom/samples/GH184.dcm"));
        byte[] broken = original.clone();
        int pixel = lastIndexOf(broken, new byte[] {(byte) 0xe0, 0x7f, 0x10, 0x00});
        int firstItem = pixel + 12;
        int fragment = firstItem + 8 + le32(broken, firstItem + 4);
        assertThat(le32(broken, fragment)).as("item tag").isEqualTo(0xe000fffe);
        broken[fragment + 4] = broken[fragment + 5] = broken[fragment + 6] = broken[fragment + 7] = (byte) 0xff;

        DicomFile file = DicomFile.parse(broken, "fragment.dcm", DicomFile.Extent.ALL);
        assertThat(file.warnings()).containsExactly(new ReadWarning.UndefinedLengthFragment("fragment.dcm", fragment));
        assertThat(PixelData.decode(file).values())
                .isEqualTo(PixelData.decode(DicomFile.parse(original, "GH184.dcm", DicomFile.Extent.ALL))
                        .values());
        assertThatThrownBy(
                        () -> DicomFile.parse(broken, "fragment.dcm", DicomFile.Extent.ALL, DicomFile.Leniency.STRICT))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("fragment.dcm at byte " + fragment);
    }

    @Test
    void aSequenceDelimiterWhereAnElementShouldStartIsSkipped() throws Exception {
        byte[] original = MalformedInputTest.validFile();
        int pixel = lastIndexOf(original, new byte[] {(byte) 0xe0, 0x7f, 0x10, 0x00});
        var out = new ByteArrayOutputStream();
        out.write(original, 0, pixel);
        out.write(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xdd, (byte) 0xe0, 0, 0, 0, 0});
        out.write(original, pixel, original.length - pixel);
        byte[] broken = out.toByteArray();

        DicomFile file = DicomFile.parse(broken, "stray.dcm", DicomFile.Extent.ALL);
        assertThat(file.warnings()).containsExactly(new ReadWarning.StraySequenceDelimiter("stray.dcm", pixel));
        assertThat(PixelData.decode(file).values()).hasSize(4);
        assertThatThrownBy(() -> DicomFile.parse(broken, "stray.dcm", DicomFile.Extent.ALL, DicomFile.Leniency.STRICT))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("unexpected (FFFE,E0DD)");
    }

    /** validFile's sequence has undefined lengths: dropping its item delimitation leaves only the sequence's. */
    @Test
    void anItemClosedOnlyByItsSequencesDelimiterKeepsItsElements() throws Exception {
        byte[] original = MalformedInputTest.validFile();
        int itemEnd = lastIndexOf(original, new byte[] {(byte) 0xfe, (byte) 0xff, 0x0d, (byte) 0xe0, 0, 0, 0, 0});
        var out = new ByteArrayOutputStream();
        out.write(original, 0, itemEnd);
        out.write(original, itemEnd + 8, original.length - itemEnd - 8);
        byte[] broken = out.toByteArray();

        DicomFile file = DicomFile.parse(broken, "item.dcm", DicomFile.Extent.ALL);
        assertThat(file.warnings()).containsExactly(new ReadWarning.ItemWithoutDelimiter("item.dcm", itemEnd));
        var item = file.dataset().sequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE);
        assertThat(item).hasSize(1);
        assertThat(item.get(0).decimal(Tag.RADIONUCLIDE_TOTAL_DOSE).getAsDouble())
                .isEqualTo(7210);
        assertThat(file.dataset().integer(Tag.ROWS, 0)).isEqualTo(2);
        assertThatThrownBy(() -> DicomFile.parse(broken, "item.dcm", DicomFile.Extent.ALL, DicomFile.Leniency.STRICT))
                .isInstanceOf(DicomParseException.class);
    }

    @Test
    void numbersKeepTheirPrefixAndDatesWithoutOneAreDropped() {
        assertThat(LenientValues.repair(Vr.IS, "1A")).isEqualTo("1");
        assertThat(LenientValues.repair(Vr.IS, "12 ")).isNull();
        assertThat(LenientValues.repair(Vr.IS, "+7\\-3")).isNull();
        assertThat(LenientValues.repair(Vr.IS, "x1")).isEmpty();
        assertThat(LenientValues.repair(Vr.IS, "99999999999")).isEmpty();
        assertThat(LenientValues.repair(Vr.DS, "1.5e-3mm")).isEqualTo("1.5e-3");
        assertThat(LenientValues.repair(Vr.DS, "2,5")).isEqualTo("2");
        assertThat(LenientValues.repair(Vr.DS, " .5\\-1.\\3E+2")).isNull();
        assertThat(LenientValues.repair(Vr.DS, "NaN")).isEmpty();
        assertThat(LenientValues.repair(Vr.DA, "00000000")).isEmpty();
        assertThat(LenientValues.repair(Vr.DA, "2018.11.15")).isNull();
        assertThat(LenientValues.repair(Vr.TM, "250000")).isEmpty();
        assertThat(LenientValues.repair(Vr.DT, "20181115092200.000000+0100")).isNull();
    }

    private static long offsetOf(Path f, int tag) throws Exception {
        byte[] b = Files.readAllBytes(f);
        return lastIndexOf(
                b, new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8), 'I', 'S'});
    }

    static int lastIndexOf(byte[] b, byte[] pattern) {
        for (int i = b.length - pattern.length; i >= 0; i--) {
            if (java.util.Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}

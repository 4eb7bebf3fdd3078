package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netra.testkit.TestData;

/** What netra writes, netra and DCMTK read back: same elements, same values, same pixels. */
class WriterRoundTripTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "samples/NM-MONO2-16-13x-heart.dcm",
                "samples/CT-MONO2-16-ankle.dcm",
                "samples/Issue94.dcm",
                "samples/PrivateMDNTags.dcm",
                "lu177-dotatate-spect/SCAN_001/mask/RS.dcm",
                "fdg-pet-sts001/pet-bqml/image/1-001.dcm"
            })
    void realFilesSurviveARoundTrip(String name) throws Exception {
        Path file = sharedFile(name);
        DicomFile original = DicomFile.read(file);
        for (var lengths : DicomWriter.SequenceLengths.values()) {
            byte[] written = DicomWriter.toBytes(original.dataset(), lengths);
            DicomFile back = DicomFile.parse(written, name + " rewritten", DicomFile.Extent.ALL);
            assertThat(back.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertSameElements(original.dataset(), back.dataset(), name);
            if (original.dataset().contains(Tag.PIXEL_DATA)) {
                assertThat(PixelData.decode(back).values())
                        .isEqualTo(PixelData.decode(original).values());
            }
            assertGroupLengthIsRight(written);
            dcmdumpReadsCleanly(written);
        }
    }

    private static Path sharedFile(String name) throws Exception {
        if (name.contains("RS.dcm")) {
            try (var s = Files.walk(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/mask"))) {
                return s.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
        }
        return TestData.path("dicom/" + name);
    }

    static void assertSameElements(Attributes a, Attributes b, String where) {
        int[] expected = java.util.Arrays.stream(a.tags())
                .filter(t -> Tag.element(t) != 0)
                .toArray();
        assertThat(b.tags()).as(where).containsExactly(expected);
        for (int tag : expected) {
            String at = where + " " + Tag.toString(tag);
            assertThat(b.vr(tag)).as(at).isEqualTo(a.vr(tag));
            List<Attributes> items = a.sequence(tag);
            if (a.vr(tag).orElseThrow() == Vr.SQ) {
                assertThat(b.sequence(tag)).as(at).hasSameSizeAs(items);
                for (int i = 0; i < items.size(); i++) {
                    assertSameElements(items.get(i), b.sequence(tag).get(i), at + "[" + i + "]");
                }
                continue;
            }
            byte[] was = a.bytes(tag);
            byte[] now = b.bytes(tag);
            assertThat(now.length).as(at + " even length").isEven();
            assertThat(java.util.Arrays.copyOf(now, was.length)).as(at).isEqualTo(was);
        }
    }

    private static void assertGroupLengthIsRight(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int declared = b.getInt(140);
        int end = 144 + declared;
        assertThat(b.getShort(end))
                .as("the data set starts right after the declared meta length")
                .isNotEqualTo((short) 2);
        assertThat(b.getShort(end - 8 - 10) & 0xffff).isIn(0x0002);
    }

    private static void dcmdumpReadsCleanly(byte[] written) throws Exception {
        Tools.requireDcmtk("dcmdump");
        Path tmp = Files.createTempFile("netra-written", ".dcm");
        try {
            Files.write(tmp, written);
            var r = Tools.run(List.of("dcmdump", "-dc", "+E", tmp.toString()));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).as("dcmdump warnings").isEmpty();
            assertThat(r.out()).contains("(0002,0010) UI =LittleEndianExplicit");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Test
    void writtenValuesArePaddedToEvenLength() throws Exception {
        Attributes ds = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.128")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3")
                .setString(Tag.PATIENT_ID, Vr.LO, "odd")
                .build();
        DicomFile back = DicomFile.parse(
                DicomWriter.toBytes(ds, DicomWriter.SequenceLengths.DEFINED), "t", DicomFile.Extent.ALL);
        assertThat(back.dataset().length(Tag.SOP_INSTANCE_UID)).isEqualTo(6);
        assertThat(back.dataset().bytes(Tag.SOP_INSTANCE_UID)[5])
                .as("UI pads with NUL")
                .isZero();
        assertThat(back.dataset().bytes(Tag.PATIENT_ID)[3])
                .as("text pads with a space")
                .isEqualTo((byte) ' ');
        assertThat(back.dataset().string(Tag.PATIENT_ID)).contains("odd");
        assertThat(back.meta().string(Tag.IMPLEMENTATION_CLASS_UID)).contains(DicomWriter.IMPLEMENTATION_CLASS_UID);
    }

    @Property(tries = 200)
    void builtDataSetsRoundTrip(
            @ForAll @StringLength(max = 60) String text,
            @ForAll int number,
            @ForAll double real,
            @ForAll @IntRange(min = 0, max = 4) int items,
            @ForAll boolean undefinedLengths)
            throws Exception {
        String clean = text.replaceAll("[^A-Za-z0-9 ^]", "x").strip();
        Attributes item = Attributes.builder()
                .setString(Tag.RADIONUCLIDE_TOTAL_DOSE, Vr.DS, "7210")
                .setDoubles(Tag.ACTUAL_FRAME_DURATION, Vr.FD, real)
                .build();
        Attributes ds = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.128")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3.4")
                .setString(Tag.PATIENT_NAME, Vr.PN, clean)
                .setInts(Tag.ROWS, Vr.US, number & 0xffff)
                .setInts(Tag.ACQUISITION_NUMBER, Vr.SL, number)
                .setSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, java.util.Collections.nCopies(items, item))
                .build();
        var lengths = undefinedLengths ? DicomWriter.SequenceLengths.UNDEFINED : DicomWriter.SequenceLengths.DEFINED;
        Attributes back = DicomFile.parse(DicomWriter.toBytes(ds, lengths), "built", DicomFile.Extent.ALL)
                .dataset();
        assertThat(back.string(Tag.PATIENT_NAME).orElse("")).isEqualTo(clean);
        assertThat(back.integer(Tag.ROWS, -1)).isEqualTo(number & 0xffff);
        assertThat(back.integer(Tag.ACQUISITION_NUMBER, 0)).isEqualTo(number);
        var seq = back.sequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE);
        assertThat(seq).hasSize(items);
        for (Attributes i : seq) {
            assertThat(i.decimal(Tag.ACTUAL_FRAME_DURATION).orElseThrow()).isEqualTo(real);
            assertThat(i.decimal(Tag.RADIONUCLIDE_TOTAL_DOSE).orElseThrow()).isEqualTo(7210.0);
        }
    }
}

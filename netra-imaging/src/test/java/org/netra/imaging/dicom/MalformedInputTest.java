package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/**
 * Broken input ends in a {@link DicomParseException} naming the input and the byte offset: never a hang,
 * an out-of-memory error or another exception. The mutation properties are the deterministic fuzzing
 * of the parser that runs with every test suite (jqwik, fixed number of tries); {@link DicomFuzzTest} is the
 * coverage-guided fuzzing (Jazzer).
 */
class MalformedInputTest {
    /** A small valid file: meta, a few elements, a nested sequence and 16-bit pixels. */
    static byte[] validFile() {
        Attributes item = Attributes.builder()
                .setString(Tag.RADIONUCLIDE_TOTAL_DOSE, Vr.DS, "7210")
                .build();
        return DicomWriter.toBytes(
                Attributes.builder()
                        .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.128")
                        .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3")
                        .setSequence(Tag.RADIOPHARMACEUTICAL_INFORMATION_SEQUENCE, java.util.List.of(item))
                        .setInts(Tag.ROWS, Vr.US, 2)
                        .setInts(Tag.COLUMNS, Vr.US, 2)
                        .setInts(Tag.BITS_ALLOCATED, Vr.US, 16)
                        .setInts(Tag.BITS_STORED, Vr.US, 16)
                        .setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[8])
                        .build(),
                DicomWriter.SequenceLengths.UNDEFINED);
    }

    @Test
    void truncatedFileNamesFileAndOffset() {
        byte[] f = validFile();
        byte[] cut = java.util.Arrays.copyOf(f, f.length - 3);
        assertThatThrownBy(() -> DicomFile.parse(cut, "cut.dcm", DicomFile.Extent.ALL))
                .isInstanceOf(DicomParseException.class)
                .hasMessageStartingWith("cut.dcm at byte ")
                .hasMessageContaining("(7FE0,0010)");
    }

    @Test
    void hugeDeclaredLengthIsRefusedBeforeAllocating() {
        byte[] f = validFile();
        int at = indexOfPixelHeader(f);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 8, 0x7ffffff0);
        assertThatThrownBy(() -> DicomFile.parse(f, "huge.dcm", DicomFile.Extent.ALL))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("declares 2147483632 bytes")
                .satisfies(e -> assertThat(((DicomParseException) e).offset()).isEqualTo(at));
    }

    /** A header declaring 16384 × 16384 pixels over a few bytes of data is refused before the 1 GiB array. */
    @Test
    void declaredImageLargerThanItsDataIsRefusedBeforeAllocating() throws Exception {
        byte[] nativeFile = withSize(validFile(), 16384, 16384);
        byte[] jpegFile = withSize(
                java.nio.file.Files.readAllBytes(org.netra.testkit.TestData.path("dicom/samples/GH184.dcm")),
                16384,
                16384);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (byte[] f : java.util.List.of(nativeFile, jpegFile)) {
            DicomFile parsed = DicomFile.parse(f, "big.dcm", DicomFile.Extent.ALL);
            long before = threads.getCurrentThreadAllocatedBytes();
            assertThatThrownBy(() -> PixelData.decode(parsed))
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining("big.dcm");
            assertThat(threads.getCurrentThreadAllocatedBytes() - before)
                    .as("bytes allocated while refusing")
                    .isLessThan(64L << 20);
        }
    }

    /** Rewrites the first Rows and Columns (explicit VR little endian US elements) in place. */
    private static byte[] withSize(byte[] file, int rows, int columns) {
        byte[] f = file.clone();
        patchUs(f, new byte[] {0x28, 0, 0x10, 0, 'U', 'S', 2, 0}, rows);
        patchUs(f, new byte[] {0x28, 0, 0x11, 0, 'U', 'S', 2, 0}, columns);
        return f;
    }

    private static void patchUs(byte[] f, byte[] header, int value) {
        for (int i = 132; i + header.length + 2 <= f.length; i++) {
            if (java.util.Arrays.equals(f, i, i + header.length, header, 0, header.length)) {
                f[i + header.length] = (byte) value;
                f[i + header.length + 1] = (byte) (value >> 8);
                return;
            }
        }
        throw new AssertionError("element not found");
    }

    /**
     * Found by the random mutations below: a JPEG 2000 codestream whose COD marker claims EPH markers it does
     * not have makes jj2000 throw a plain java.lang.Error; it must come out as the typed parse error.
     */
    @Test
    void aJpeg2000CodestreamClaimingMissingMarkersIsATypedError() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.path("dicom/samples/Comunix_Pet_IM-0001-0001.dcm"));
        int cod = -1;
        for (int i = 0; i < bytes.length - 1 && cod < 0; i++) {
            if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0x52) {
                cod = i;
            }
        }
        assertThat(cod).as("the codestream's COD marker").isPositive();
        bytes[cod + 4] |= 0x04; // Scod: "EPH markers used"
        DicomFile f = DicomFile.parse(bytes, "fuzzed.dcm", DicomFile.Extent.ALL);
        assertThatThrownBy(() -> PixelData.decode(f))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("fuzzed.dcm")
                .hasMessageContaining("EPH");
    }

    @Test
    void wrongVrIsNamed() {
        byte[] f = validFile();
        int at = indexOfPixelHeader(f);
        f[at + 4] = 'Q';
        f[at + 5] = 'Q';
        assertThatThrownBy(() -> DicomFile.parse(f, "vr.dcm", DicomFile.Extent.ALL))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("invalid VR 'QQ'");
    }

    @Test
    void deeplyNestedSequencesAreRefused() {
        // 10 000 sequences each opening an item of undefined length: a stack bomb if not bounded
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            out.writeBytes(new byte[] {0x54, 0, 0x16, 0, 'S', 'Q', 0, 0, -1, -1, -1, -1});
            out.writeBytes(new byte[] {-2, -1, 0, -32, -1, -1, -1, -1});
        }
        byte[] bomb = prefixWithMeta(out.toByteArray());
        assertThatThrownBy(() -> DicomFile.parse(bomb, "bomb.dcm", DicomFile.Extent.ALL))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("nested deeper than " + DicomReader.MAX_DEPTH);
    }

    @Test
    void missingDelimitationIsAnError() {
        byte[] seq = {0x54, 0, 0x16, 0, 'S', 'Q', 0, 0, -1, -1, -1, -1, -2, -1, 0, -32, -1, -1, -1, -1};
        assertThatThrownBy(() -> DicomFile.parse(prefixWithMeta(seq), "open.dcm", DicomFile.Extent.ALL))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("without an item delimitation");
    }

    @Test
    void notDicomAtAll() {
        assertThatThrownBy(() -> DicomFile.parse("hello, world".getBytes(), "note.txt", DicomFile.Extent.ALL))
                .isInstanceOf(NotDicomException.class)
                .hasMessageContaining("note.txt");
    }

    @Property(tries = 300)
    void everyTruncationOfARealFileIsHandled(@ForAll @IntRange(min = 0, max = 20_541) int length) throws Exception {
        byte[] all = Files.readAllBytes(TestData.path("dicom/samples/GH184.dcm"));
        byte[] cut = java.util.Arrays.copyOf(all, Math.min(length, all.length));
        parseAndDecodeExpectingOnlyTypedErrors(cut);
    }

    @Property(tries = 1000)
    void randomByteMutationsOfRealFilesAreHandled(
            @ForAll @IntRange(min = 0, max = 3) int which,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 16) int flips)
            throws Exception {
        String[] files = {
            "dicom/samples/GH610.dcm",
            "dicom/samples/NM-MONO2-16-13x-heart.dcm",
            "dicom/samples/Comunix_Pet_IM-0001-0001.dcm",
            "dicom/samples/PrivateMDNTags.dcm"
        };
        byte[] bytes = Files.readAllBytes(TestData.path(files[which]));
        var random = new Random(seed);
        for (int i = 0; i < flips; i++) {
            // bias mutations towards headers, where lengths and VRs live
            int at = random.nextInt(Math.min(bytes.length, random.nextBoolean() ? 4096 : bytes.length));
            bytes[at] = (byte) random.nextInt(256);
        }
        parseAndDecodeExpectingOnlyTypedErrors(bytes);
    }

    static void parseAndDecodeExpectingOnlyTypedErrors(byte[] bytes) {
        try {
            DicomFile f = DicomFile.parse(bytes, "fuzzed.dcm", DicomFile.Extent.ALL);
            if (f.dataset().contains(Tag.PIXEL_DATA)) {
                decodeBothWays(f);
            }
        } catch (DicomParseException | InvalidValueException expected) {
            assertThat(expected.getMessage()).contains("fuzzed.dcm");
        }
    }

    /**
     * Decodes the pixels, and where the series reader's one pass applies ({@link PixelData#rescalable}) checks that it
     * gives decode's values to the bit; where it refuses the file, decode must refuse it with the same exception.
     */
    private static void decodeBothWays(DicomFile f) throws DicomParseException {
        Optional<RescalableFrames> direct;
        try {
            direct = PixelData.rescalable(f);
        } catch (DicomParseException refused) {
            assertThatThrownBy(() -> PixelData.decode(f))
                    .isInstanceOf(refused.getClass())
                    .hasMessage(refused.getMessage());
            throw refused;
        }
        if (direct.isPresent()) {
            try {
                RescalableFramesTest.assertSameFloats(f, f.source());
            } catch (DicomParseException e) {
                throw new AssertionError("the one pass took a file that decode refuses: " + e.getMessage(), e);
            }
        } else {
            PixelData.decode(f);
        }
    }

    private static int indexOfPixelHeader(byte[] f) {
        for (int i = f.length - 12; i >= 0; i--) {
            if (f[i] == (byte) 0xe0 && f[i + 1] == 0x7f && f[i + 2] == 0x10 && f[i + 3] == 0) {
                return i;
            }
        }
        throw new AssertionError("no pixel data header");
    }

    private static byte[] prefixWithMeta(byte[] dataSet) {
        byte[] valid = validFile();
        int meta = 144 + ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getInt(140);
        var out = new ByteArrayOutputStream();
        out.write(valid, 0, meta);
        out.writeBytes(dataSet);
        return out.toByteArray();
    }
}

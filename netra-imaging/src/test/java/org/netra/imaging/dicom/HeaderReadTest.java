package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.testkit.TestData;

/**
 * A header-only read takes the file's first {@link DicomFile#HEADER_READ_BYTES} bytes, not the whole file; what it
 * gives must be what parsing the whole file's bytes up to the pixel data gives (the path the corpus tests compare
 * with pydicom and DCMTK), on every real file, on a header longer than those bytes, and on a file cut short in its
 * pixel data.
 */
class HeaderReadTest {
    @TempDir
    Path dir;

    @Test
    void everyRealFileReadsTheSameHeaderFromItsStartAsFromItsWholeBytes() throws Exception {
        int fromStart = 0;
        for (Path f : SharedDicomFiles.all()) {
            DicomFile whole;
            try {
                whole = DicomFile.parse(Files.readAllBytes(f), f.toString(), DicomFile.Extent.HEADER);
            } catch (DicomParseException e) {
                assertThatThrownBy(() -> DicomFile.read(f, DicomFile.Extent.HEADER))
                        .hasMessage(e.getMessage());
                continue;
            }
            assertSame(DicomFile.read(f, DicomFile.Extent.HEADER), whole);
            if (DicomFile.headerFromStart(f, DicomFile.Leniency.LENIENT) != null) {
                fromStart++;
            }
        }
        // the SPECT's 199 slices, the PET's and CT's: most real images have their header in the first bytes
        assertThat(fromStart).isGreaterThan(400);
    }

    @Test
    void aHeaderLongerThanTheFirstBytesIsReadWhole() throws Exception {
        Path source = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image").resolve(firstSpectFile());
        DicomFile original = DicomFile.read(source);
        byte[] big = new byte[DicomFile.HEADER_READ_BYTES + 10_000];
        Arrays.fill(big, (byte) 0x5a);
        // a vendor's private block before the pixel data, as Siemens CSA headers are
        Attributes withBlock = original.dataset().toBuilder()
                .setString(0x00290010, Vr.LO, "NETRA TEST")
                .setBytes(0x00291020, Vr.OB, big)
                .build();
        Path f = dir.resolve("long-header.dcm");
        DicomWriter.write(f, withBlock);

        assertThat(DicomFile.headerFromStart(f, DicomFile.Leniency.LENIENT)).isNull();
        DicomFile header = DicomFile.read(f, DicomFile.Extent.HEADER);
        assertThat(header.dataset().bytes(0x00291020)).isEqualTo(big);
        assertThat(header.dataset().contains(Tag.PIXEL_DATA)).isFalse();
        assertSame(header, DicomFile.parse(Files.readAllBytes(f), f.toString(), DicomFile.Extent.HEADER));
    }

    @Test
    void aFileCutInItsPixelDataIsRefusedAsTheWholeReadRefusesIt() throws Exception {
        Path source = TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image").resolve(firstSpectFile());
        byte[] b = Files.readAllBytes(source);
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(b, b.length - 1000));

        assertThatThrownBy(() -> DicomFile.parse(Files.readAllBytes(cut), cut.toString(), DicomFile.Extent.HEADER))
                .hasMessageContaining("declares 131072 bytes but only 130072 remain in the file");
        assertThatThrownBy(() -> DicomFile.read(cut, DicomFile.Extent.HEADER))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("declares 131072 bytes but only 130072 remain in the file");
    }

    private static Path firstSpectFile() throws Exception {
        try (var files = Files.list(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"))) {
            return files.sorted().findFirst().orElseThrow().getFileName();
        }
    }

    private static void assertSame(DicomFile actual, DicomFile expected) {
        assertThat(actual.transferSyntax()).isEqualTo(expected.transferSyntax());
        assertThat(dump(actual.meta())).isEqualTo(dump(expected.meta()));
        assertThat(dump(actual.dataset())).as(expected.source()).isEqualTo(dump(expected.dataset()));
        assertThat(actual.warnings()).isEqualTo(expected.warnings());
    }

    /** Every element's tag, VR and value bytes, sequences item by item. */
    private static String dump(Attributes a) {
        var out = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            int tag = a.tagAt(i);
            out.append(Tag.toString(tag)).append(' ').append(a.vrAt(i));
            if (a.vrAt(i) == Vr.SQ) {
                for (Attributes item : a.sequence(tag)) {
                    out.append(" [").append(dump(item)).append(']');
                }
            } else {
                out.append(' ').append(java.util.HexFormat.of().formatHex(a.bytes(tag)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}

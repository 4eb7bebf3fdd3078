package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

/**
 * Decoded pixels of every image file under shared/data/dicom equal pydicom's (DCMTK's dcmdjpeg first
 * for JPEG): the same stored values, compared by SHA-256 over all frames, with min and max for the
 * message. Lossy (DCT) JPEG is compared sample by sample within ±1 instead: decoders' inverse DCTs round
 * differently (see {@link JpegDctAgreementTest}).
 */
class PixelDataAgreementTest {
    @Test
    void everyImageDecodesLikePydicom() throws Exception {
        Tools.requirePydicom();
        Tools.requireDcmtk("dcmdjpeg");
        List<Path> images = new ArrayList<>();
        for (Path p : SharedDicomFiles.all()) {
            DicomFile f = DicomFile.read(p, DicomFile.Extent.HEADER);
            if (f.dataset().contains(Tag.ROWS)) {
                images.add(p);
            }
        }
        Path script = Files.createTempFile("pixel_reference", ".py");
        try (InputStream in = getClass().getResourceAsStream("pixel_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        Map<String, String[]> reference = new HashMap<>();
        try {
            for (int from = 0; from < images.size(); from += 200) {
                List<String> cmd = new ArrayList<>(List.of(Tools.DEBIAN_PYTHON.toString(), script.toString()));
                images.subList(from, Math.min(images.size(), from + 200)).forEach(p -> cmd.add(p.toString()));
                var result = Tools.run(cmd);
                assertThat(result.exitCode()).as(result.err()).isZero();
                for (String line : result.out().split("\n")) {
                    String[] f = line.split("\t");
                    reference.put(f[0], f);
                }
            }
        } finally {
            Files.deleteIfExists(script);
        }
        var soft = new SoftAssertions();
        int lossy = 0;
        for (Path p : images) {
            DicomFile file = DicomFile.read(p);
            Pixels px = PixelData.decode(file);
            if (file.transferSyntax().codec() == TransferSyntax.Codec.JPEG_DCT) {
                var d = JpegDctAgreementTest.Difference.of(px.values(), JpegDctAgreementTest.dcmdjpeg(p));
                soft.assertThat(d.max()).as(p + ": " + d).isLessThanOrEqualTo(1);
                lossy++;
                continue;
            }
            String[] ref = reference.get(p.toString());
            int[] v = px.values();
            String mine = sha256(v) + " min " + Arrays.stream(v).min().orElse(0) + " max "
                    + Arrays.stream(v).max().orElse(0) + " n " + v.length;
            soft.assertThat(mine)
                    .as(p.toString())
                    .isEqualTo(ref[1] + " min " + ref[2] + " max " + ref[3] + " n " + ref[4]);
        }
        soft.assertAll();
        assertThat(images).hasSizeGreaterThan(700);
        assertThat(lossy).isPositive();
    }

    @Test
    void headerOnlyReadStopsBeforePixelData() throws IOException {
        Path file = TestData.path("dicom/samples/NM-MONO2-16-13x-heart.dcm");
        DicomFile header = DicomFile.read(file, DicomFile.Extent.HEADER);
        assertThat(header.dataset().contains(Tag.PIXEL_DATA)).isFalse();
        assertThat(header.dataset().integer(Tag.NUMBER_OF_FRAMES, 0)).isEqualTo(13);
        assertThatThrownBy(() -> PixelData.decode(header)).isInstanceOf(DicomParseException.class);
    }

    static String sha256(int[] values) throws NoSuchAlgorithmException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}

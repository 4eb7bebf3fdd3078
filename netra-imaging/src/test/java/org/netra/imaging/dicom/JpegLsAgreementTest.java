package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.testkit.TestData;

/**
 * netra's JPEG-LS decoder ({@link JpegLsDecoder}) against DCMTK (CharLS inside): real images compressed by
 * {@code dcmcjpls}, lossless and near-lossless at several NEAR values, then decompressed by
 * {@code dcmdjpls}; netra's values equal the decompressed file's bit for bit (read by pydicom), near-lossless
 * included, since both decoders must reproduce the encoder's reconstruction exactly (T.87 annex A). GDCM's
 * encoder ({@code gdcmconv --jpegls}) is a second source where it is installed.
 */
class JpegLsAgreementTest {
    @TempDir
    Path dir;

    @Test
    void losslessAndNearLosslessDecodeLikeDcmdjpls() throws Exception {
        Tools.requireDcmtk("dcmcjpls");
        Tools.requireDcmtk("dcmdjpls");
        Tools.requireDcmtk("dcmdjpeg");
        Tools.requirePydicom();
        Path gh184 = dir.resolve("gh184.dcm");
        Tools.require(List.of(
                "/usr/bin/dcmdjpeg", TestData.path("dicom/samples/GH184.dcm").toString(), gh184.toString()));
        Path spect = SharedDicomFiles.all().stream()
                .filter(p -> p.toString().contains("SCAN_002/image"))
                .skip(100)
                .findFirst()
                .orElseThrow();
        List<Path> unsigned = List.of(spect, TestData.path("dicom/samples/NM-MONO2-16-13x-heart.dcm"));
        List<Path> compressed = new ArrayList<>();
        for (Path source : unsigned) {
            compressed.add(compress(source, "lossless", "+el"));
            for (int nearValue : new int[] {1, 3, 10}) {
                compressed.add(compress(source, "near" + nearValue, "+en", "+md", Integer.toString(nearValue)));
            }
        }
        // signed PET and CT: DCMTK encodes them lossless only
        compressed.add(compress(gh184, "lossless", "+el"));
        compressed.add(compress(TestData.path("dicom/samples/CT-MONO2-16-ankle.dcm"), "lossless", "+el"));
        if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/gdcmconv"))) {
            Path g = dir.resolve("heart-gdcm-jls.dcm");
            Tools.require(List.of(
                    "/usr/bin/gdcmconv",
                    "--jpegls",
                    TestData.path("dicom/samples/NM-MONO2-16-13x-heart.dcm").toString(),
                    g.toString()));
            compressed.add(g);
        }
        assertDecodeLikeDcmdjpls(compressed);
        assertThat(compressed.stream()
                        .filter(p -> p.getFileName().toString().contains("-near"))
                        .count())
                .isEqualTo(6);
    }

    /** Colour: line-interleaved (DCMTK's default), separate scans, sample-interleaved, lossless and near-lossless. */
    @Test
    void colourScansDecodeLikeDcmdjpls() throws Exception {
        Tools.requireDcmtk("dcmcjpls");
        Tools.requireDcmtk("dcmdjpls");
        Tools.requirePydicom();
        // 37×23 RGB: smooth ramps (runs and small errors) with seeded noise (large errors)
        int w = 37;
        int h = 23;
        byte[] rgb = new byte[w * h * 3];
        var random = new java.util.Random(87);
        for (int p = 0; p < w * h; p++) {
            int x = p % w;
            int y = p / w;
            rgb[3 * p] = (byte) (x * 6);
            rgb[3 * p + 1] = (byte) (y < 10 ? 128 : random.nextInt(256));
            rgb[3 * p + 2] = (byte) ((x + y) * 3 + random.nextInt(4));
            if (x >= 20 && x < 32) {
                // a flat band in every component, broken now and then: whole-pixel runs and their interruptions
                int v = 50 + (x == 26 && y % 4 == 0 ? 9 : 0) + (x == 29 && y % 5 == 1 ? -7 : 0);
                rgb[3 * p] = (byte) v;
                rgb[3 * p + 1] = (byte) (v + (y % 7 == 3 && x == 23 ? 4 : 0));
                rgb[3 * p + 2] = (byte) v;
            }
        }
        Path source = dir.resolve("rgb.dcm");
        var header = Attributes.builder()
                .setString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7")
                .setString(Tag.SOP_INSTANCE_UID, Vr.UI, "2.25.8787");
        DicomWriter.write(
                source,
                org.netra.imaging.volume.SyntheticSeries.imagePixel(header, h, w, 3, "RGB", 8)
                        .setBytes(Tag.PIXEL_DATA, Vr.OB, rgb)
                        .build());
        List<Path> compressed = List.of(
                compress(source, "line", "+el", "+il"),
                compress(source, "none", "+el", "+in"),
                compress(source, "line-near3", "+en", "+md", "3", "+il"),
                compress(source, "sample", "+el", "+is"),
                compress(source, "sample-near2", "+en", "+md", "2", "+is"));
        assertDecodeLikeDcmdjpls(compressed);
    }

    /** Each file's JPEG-LS pixels, decoded by netra, equal dcmdjpls's decompression read by pydicom. */
    private void assertDecodeLikeDcmdjpls(List<Path> compressed) throws Exception {
        List<String> references = new ArrayList<>();
        for (Path c : compressed) {
            Path plain = dir.resolve(c.getFileName() + ".plain.dcm");
            Tools.require(List.of("/usr/bin/dcmdjpls", c.toString(), plain.toString()));
            references.add(plain.toString());
        }
        String[] lines = Tools.python("pixel_reference.py", references).split("\n");
        for (int i = 0; i < compressed.size(); i++) {
            DicomFile f = DicomFile.read(compressed.get(i));
            assertThat(f.transferSyntax().codec()).isEqualTo(TransferSyntax.Codec.JPEG_LS);
            if (compressed.get(i).getFileName().toString().contains("-near")) {
                assertThat(f.transferSyntax().uid()).as("JPEG-LS Near-Lossless").endsWith(".4.81");
            }
            int[] mine = PixelData.decode(f).values();
            assertThat(PixelDataAgreementTest.sha256(mine))
                    .as(compressed.get(i).getFileName().toString())
                    .isEqualTo(lines[i].split("\t")[1]);
        }
    }

    private Path compress(Path source, String name, String... options) throws Exception {
        Path out = dir.resolve(source.getFileName() + "-" + name + ".dcm");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/dcmcjpls"));
        cmd.addAll(List.of(options));
        cmd.add(source.toString());
        cmd.add(out.toString());
        Tools.require(cmd);
        return out;
    }
}

package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;
import org.w3c.dom.Node;

/**
 * netra's sequential DCT JPEG decoder against independent decoders. Lossy decoders may differ by one in
 * the last bit (their inverse DCTs round differently: netra's is exact in double precision, libjpeg's
 * an integer approximation), so samples must agree within ±1; the mean difference is reported too.
 */
class JpegDctAgreementTest {
    /** DICOM files pydicom ships for its own tests (Debian package python3-pydicom). */
    static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    record Difference(int max, double mean, int n) {
        static Difference of(int[] a, int[] b) {
            assertThat(a).hasSameSizeAs(b);
            int max = 0;
            long sum = 0;
            for (int i = 0; i < a.length; i++) {
                int d = Math.abs(a[i] - b[i]);
                max = Math.max(max, d);
                sum += d;
            }
            return new Difference(max, (double) sum / a.length, a.length);
        }

        @Override
        public String toString() {
            return String.format("max %d, mean %.4f over %d samples", max, mean, n);
        }
    }

    @Test
    void twelveBitWholeBodyBoneScanMatchesDcmtk() throws Exception {
        Tools.requireDcmtk("dcmdjpeg");
        Path file = TestData.path("dicom/samples/NM1_JPLY.dcm");
        DicomFile dicom = DicomFile.read(file);
        assertThat(dicom.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.4.51");
        Pixels mine = PixelData.decode(dicom);
        Difference d = Difference.of(mine.values(), dcmdjpeg(file));
        System.out.println("NM1_JPLY.dcm, netra vs DCMTK dcmdjpeg: " + d);
        assertThat(mine.bitsStored()).isEqualTo(12);
        assertThat(d.max()).isLessThanOrEqualTo(1);
        assertThat(d.mean()).isLessThan(0.05);
    }

    @Test
    void pydicomsJpegFilesMatchDcmtkAndPydicom() throws Exception {
        Tools.requireDcmtk("dcmdjpeg");
        Tools.requirePydicom();
        if (!Files.isDirectory(PYDICOM_FILES)) {
            TestData.unavailable("pydicom's test files " + PYDICOM_FILES + " (python3-pydicom)");
        }
        List<Path> files = new ArrayList<>();
        try (var all = Files.list(PYDICOM_FILES)) {
            for (Path p :
                    all.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                try {
                    DicomFile f = DicomFile.read(p, DicomFile.Extent.HEADER);
                    if (f.transferSyntax().codec() == TransferSyntax.Codec.JPEG_DCT) {
                        files.add(p);
                    }
                } catch (DicomParseException notForUs) {
                    // pydicom's deliberately broken files
                }
            }
        }
        Path out = Files.createTempDirectory("jpeg-reference");
        try {
            List<String> pydicom = pydicomSamples(files, out);
            var soft = new SoftAssertions();
            int comparedWithPydicom = 0;
            for (int i = 0; i < files.size(); i++) {
                Path p = files.get(i);
                int[] mine = PixelData.decode(DicomFile.read(p)).values();
                Difference dcmtk = Difference.of(mine, dcmdjpeg(p));
                String line = p.getFileName() + ": vs DCMTK " + dcmtk;
                soft.assertThat(dcmtk.max()).as(line).isLessThanOrEqualTo(1);
                if (pydicom.get(i).startsWith("ok")) {
                    Difference py = Difference.of(mine, readInts(out.resolve(i + ".i32")));
                    line += "; vs pydicom " + py;
                    soft.assertThat(py.max()).as(line).isLessThanOrEqualTo(1);
                    comparedWithPydicom++;
                } else {
                    line += "; pydicom: " + pydicom.get(i);
                }
                System.out.println(line);
            }
            soft.assertAll();
            assertThat(files).hasSizeGreaterThanOrEqualTo(12);
            assertThat(comparedWithPydicom).isGreaterThanOrEqualTo(10);
        } finally {
            try (var written = Files.list(out)) {
                for (Path p : written.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(out);
        }
    }

    @Test
    void restartIntervalsAndSubsamplingMatchImageIo() throws Exception {
        for (int restart : new int[] {0, 1, 3, 7}) {
            for (int bands : new int[] {1, 3}) {
                BufferedImage image = scene(37 + restart, 29 + bands, bands);
                byte[] jpeg = encode(image, restart);
                assertThat(count(jpeg, JpegStream.DRI)).isEqualTo(restart > 0 ? 1 : 0);
                Difference d = Difference.of(decode(jpeg), imageIo(jpeg));
                assertThat(d.max())
                        .as("%d bands, restart interval %d: %s", bands, restart, d)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void nonInterleavedScansMatchImageIo() throws Exception {
        // javax.imageio writes one interleaved scan; a stream with one scan per component is spliced from
        // three greyscale streams that share their (standard) tables, and must decode to the three images
        BufferedImage image = scene(45, 33, 3);
        for (int restart : new int[] {0, 2}) {
            List<byte[]> bands = new ArrayList<>();
            List<int[]> expected = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                var grey = new BufferedImage(45, 33, BufferedImage.TYPE_BYTE_GRAY);
                grey.getRaster()
                        .setSamples(0, 0, 45, 33, 0, image.getRaster().getSamples(0, 0, 45, 33, b, (int[]) null));
                byte[] jpeg = encode(grey, restart);
                bands.add(jpeg);
                expected.add(imageIo(jpeg));
            }
            byte[] spliced = oneScanPerComponent(bands);
            assertThat(count(spliced, JpegStream.SOS)).isEqualTo(3);
            int[] mine = decode(spliced);
            int[] reference = new int[mine.length];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = expected.get(i % 3)[i / 3];
            }
            Difference d = Difference.of(mine, reference);
            assertThat(d.max())
                    .as("non-interleaved, restart %d: %s", restart, d)
                    .isLessThanOrEqualTo(1);
        }
    }

    /** Tables and frame header of the first greyscale stream, then each stream's scan as one component. */
    private static byte[] oneScanPerComponent(List<byte[]> greyscale) {
        var out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(JpegStream.SOI);
        byte[] first = greyscale.get(0);
        int p = 2;
        while (true) {
            int marker = first[p + 1] & 0xff;
            int length = ((first[p + 2] & 0xff) << 8) | (first[p + 3] & 0xff);
            if (marker == JpegStream.SOF0) {
                int n = greyscale.size();
                out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc0, 0, (byte) (8 + 3 * n)});
                out.write(first, p + 4, 5); // precision, height, width
                out.write(n);
                for (int c = 0; c < n; c++) {
                    out.writeBytes(new byte[] {(byte) (c + 1), 0x11, 0});
                }
            } else if (marker == JpegStream.SOS) {
                break;
            } else if (marker != 0xe0) {
                out.write(first, p, 2 + length);
            }
            p += 2 + length;
        }
        for (int c = 0; c < greyscale.size(); c++) {
            byte[] g = greyscale.get(c);
            int sos = 2;
            while ((g[sos + 1] & 0xff) != JpegStream.SOS) {
                sos += 2 + (((g[sos + 2] & 0xff) << 8) | (g[sos + 3] & 0xff));
            }
            out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 8, 1, (byte) (c + 1), 0, 0, 63, 0});
            int data = sos + 10; // marker and a one-component scan header of length 8
            out.write(g, data, g.length - 2 - data);
        }
        out.write(0xff);
        out.write(JpegStream.EOI);
        return out.toByteArray();
    }

    @Test
    void progressiveJpegIsATypedErrorNamingTheProcess() throws Exception {
        BufferedImage image = scene(16, 16, 1);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        var bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        assertThatThrownBy(() -> JpegDctDecoder.decode(bytes.toByteArray(), "p.dcm", 1 << 20))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("p.dcm")
                .hasMessageContaining("SOF2");
    }

    @Test
    void everyTruncationOfTheTwelveBitStreamIsATypedErrorOrAnImage() throws Exception {
        DicomFile dicom = DicomFile.read(TestData.path("dicom/samples/NM1_JPLY.dcm"));
        byte[] jpeg = dicom.dataset().fragments(Tag.PIXEL_DATA).orElseThrow().frame(0, 1);
        for (int length = 0; length < jpeg.length; length += 97) {
            byte[] cut = Arrays.copyOf(jpeg, length);
            try {
                var image = JpegDctDecoder.decode(cut, "cut.dcm", 256 * 1024);
                assertThat(image.samples()).hasSize(256 * 1024);
            } catch (DicomParseException expected) {
                assertThat(expected.getMessage()).startsWith("cut.dcm");
            }
        }
    }

    private static int[] decode(byte[] jpeg) throws DicomParseException {
        return JpegDctDecoder.decode(jpeg, "test.jpg", 1 << 20).samples();
    }

    /** A smooth gradient with noise and sharp edges: every block has both low and high frequencies. */
    private static BufferedImage scene(int width, int height, int bands) {
        var image = new BufferedImage(
                width, height, bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        var random = new Random(width * 31L + height);
        var raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < bands; b++) {
                    int edge = ((x / 7 + y / 5 + b) % 2) * 60;
                    int v = (x * 4 + y * 3 + b * 50) % 180 + edge + random.nextInt(16);
                    raster.setSample(x, y, b, Math.min(255, v));
                }
            }
        }
        return image;
    }

    /** JPEG baseline by javax.imageio (standard tables), with a restart interval. */
    private static byte[] encode(BufferedImage image, int restartInterval) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
        String format = "javax_imageio_jpeg_image_1.0";
        Node root = metadata.getAsTree(format);
        Node markers = child(root, "markerSequence");
        if (restartInterval > 0) {
            var dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
        }
        metadata.setFromTree(format, root);
        var bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name);
    }

    /** How often a marker occurs (entropy-coded data stuffs every FF, so markers are unambiguous). */
    private static int count(byte[] jpeg, int marker) {
        int n = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
                n++;
            }
        }
        return n;
    }

    /** javax.imageio's samples, without colour conversion (readRaster). */
    private static int[] imageIo(byte[] jpeg) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            var raster = reader.readRaster(0, null);
            return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
        } finally {
            reader.dispose();
        }
    }

    /** DCMTK's samples: dcmdjpeg without colour conversion, the uncompressed file then read natively. */
    static int[] dcmdjpeg(Path file) throws Exception {
        Path plain = Files.createTempFile("dcmdjpeg", ".dcm");
        try {
            var result = Tools.run(List.of("dcmdjpeg", "--conv-never", file.toString(), plain.toString()));
            assertThat(result.exitCode()).as(result.err()).isZero();
            DicomFile decompressed = DicomFile.read(plain);
            assertThat(decompressed.transferSyntax().encapsulated()).isFalse();
            return PixelData.decode(decompressed).values();
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    private static List<String> pydicomSamples(List<Path> files, Path out) throws Exception {
        Path script = Files.createTempFile("jpeg_reference", ".py");
        try (InputStream in = JpegDctAgreementTest.class.getResourceAsStream("jpeg_reference.py")) {
            Files.write(script, in.readAllBytes());
            List<String> cmd =
                    new ArrayList<>(List.of(Tools.DEBIAN_PYTHON.toString(), script.toString(), out.toString()));
            files.forEach(p -> cmd.add(p.toString()));
            var result = Tools.run(cmd);
            assertThat(result.exitCode()).as(result.err()).isZero();
            List<String> status = new ArrayList<>();
            for (String line : result.out().split("\n")) {
                status.add(line.substring(line.indexOf('\t') + 1));
            }
            assertThat(status).hasSameSizeAs(files);
            return status;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static int[] readInts(Path file) throws IOException {
        var buffer = ByteBuffer.wrap(Files.readAllBytes(file))
                .order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer();
        int[] values = new int[buffer.remaining()];
        buffer.get(values);
        return values;
    }
}

package org.netra.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.testkit.TestData;

/**
 * JPEG 2000 codestreams whose tile-parts are laid out in the ways T.800 allows but encoders rarely write
 * (annex A.4.2): several tiles each in tile-parts split by resolution, tile-parts of different tiles
 * interleaved, the last tile-part's Psot 0 (it runs to EOC), every TNsot 0 (count unknown). Made by OpenJPEG's
 * opj_compress and rearranged by corpus_tools.py from real CT (signed), SPECT and PET slices; netra's decoding
 * must equal OpenJPEG's opj_decompress of the same codestream bit for bit, and the source's stored values
 * (lossless).
 */
class Jpeg2000TilePartsTest {
    @TempDir
    Path dir;

    private static final List<String> MODES = List.of("tileparts", "interleaved", "psot0", "tnsot0");

    @Test
    void everyLegalTilePartLayoutDecodesAsOpenJpegDoes() throws Exception {
        Tools.requirePydicom();
        for (String tool : List.of("opj_compress", "opj_decompress")) {
            if (!Files.isExecutable(Path.of("/usr/bin", tool))) {
                TestData.unavailable("OpenJPEG '" + tool + "' (Debian package libopenjp2-tools)");
            }
        }
        Path corpusTools = dir.resolve("corpus_tools.py");
        try (var in = getClass().getResourceAsStream("corpus_tools.py")) {
            Files.write(corpusTools, in.readAllBytes());
        }
        List<String> failures = new ArrayList<>();
        int decoded = 0;
        for (Path source : sources()) {
            int[] original = PixelData.decode(DicomFile.read(source)).values();
            for (String mode : MODES) {
                Path out = dir.resolve(source.getFileName() + "-" + mode + ".dcm");
                Tools.require(List.of(
                        Tools.DEBIAN_PYTHON.toString(),
                        corpusTools.toString(),
                        "j2k",
                        mode,
                        source.toString(),
                        out.toString()));
                DicomFile f = DicomFile.read(out);
                assertThat(f.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.4.90");
                int[] mine = PixelData.decode(f).values();
                int[] openJpeg = openJpeg(Path.of(out + ".j2k"), f.dataset().integer(Tag.PIXEL_REPRESENTATION, 0) == 1);
                if (!java.util.Arrays.equals(mine, openJpeg)) {
                    failures.add(mode + " of " + source.getFileName() + ": differs from opj_decompress");
                }
                if (!java.util.Arrays.equals(mine, original)) {
                    failures.add(mode + " of " + source.getFileName() + ": differs from the lossless source");
                }
                decoded++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(decoded).isEqualTo(3 * MODES.size());
    }

    /**
     * A damaged tile-part length: the last tile-part's Psot 1000 bytes too long (998 past the EOC) (jj2000 happened to decode it
     * right), the first's 10 bytes short, inside its data (jj2000 decoded a wholly wrong image, silently).
     * OpenJPEG refuses both; netra refuses them with a typed error naming the tile-part.
     */
    @Test
    void aDamagedTilePartLengthIsRefusedAsOpenJpegRefusesIt() throws Exception {
        Tools.requirePydicom();
        if (!Files.isExecutable(Path.of("/usr/bin/opj_decompress"))) {
            TestData.unavailable("OpenJPEG 'opj_decompress' (Debian package libopenjp2-tools)");
        }
        Path corpusTools = dir.resolve("corpus_tools.py");
        try (var in = getClass().getResourceAsStream("corpus_tools.py")) {
            Files.write(corpusTools, in.readAllBytes());
        }
        Path source = sources().get(1);
        for (String mode : List.of("psot-long", "psot-short")) {
            Path out = dir.resolve(mode + ".dcm");
            Tools.require(List.of(
                    Tools.DEBIAN_PYTHON.toString(),
                    corpusTools.toString(),
                    "j2k",
                    mode,
                    source.toString(),
                    out.toString()));
            var openJpeg = Tools.run(List.of(
                    "/usr/bin/opj_decompress",
                    "-i",
                    out + ".j2k",
                    "-o",
                    dir.resolve(mode + ".rawl").toString()));
            assertThat(openJpeg.exitCode()).as(mode + ": OpenJPEG refuses it").isNotZero();
            DicomFile f = DicomFile.read(out);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PixelData.decode(f))
                    .as(mode)
                    .isInstanceOf(DicomParseException.class)
                    .hasMessageContaining(mode.equals("psot-long") ? "tile-part 48 (tile 15)" : "tile-part 1 (tile 0)")
                    .hasMessageContaining(
                            mode.equals("psot-long")
                                    ? "runs 998 bytes past the codestream"
                                    : "ends where no tile-part");
        }
    }

    /** The first slice of the real CT (signed 16 bit), SPECT and PET (unsigned 16 bit). */
    private static List<Path> sources() throws Exception {
        List<Path> out = new ArrayList<>();
        for (String series : List.of(
                "dicom/fdg-pet-sts001/ct/image",
                "dicom/lu177-dotatate-spect/SCAN_001/image",
                "dicom/fdg-pet-sts001/pet-bqml/image")) {
            try (Stream<Path> s = Files.list(TestData.path(series))) {
                out.add(s.sorted().findFirst().orElseThrow());
            }
        }
        return out;
    }

    /** OpenJPEG's decoding of a codestream, as raw little-endian 16-bit samples. */
    private int[] openJpeg(Path codestream, boolean signed) throws Exception {
        Path raw = Path.of(codestream + ".rawl");
        Tools.require(List.of("/usr/bin/opj_decompress", "-i", codestream.toString(), "-o", raw.toString()));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[b.remaining() / 2];
        for (int i = 0; i < v.length; i++) {
            short s = b.getShort();
            v[i] = signed ? s : s & 0xffff;
        }
        return v;
    }
}

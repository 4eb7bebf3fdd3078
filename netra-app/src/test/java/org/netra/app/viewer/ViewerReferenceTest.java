package org.netra.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.TestData;

/**
 * The viewer's planes and projections of the real 177Lu SPECT against an independent reader
 * (slices_reference.py: pydicom + NumPy), which also fixes the orientation convention; and the
 * rendered PNG with VOI outlines where the RTSTRUCT puts them.
 */
class ViewerReferenceTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int AXIAL = 120;
    private static final int SAGITTAL = 100;

    private static Path root;
    private static ImageVolume spect;

    @BeforeAll
    static void load() throws IOException {
        root = TestData.path("dicom/lu177-dotatate-spect/SCAN_001");
        spect = SeriesAssembler.assemble(root.resolve("image")).volume();
    }

    @Test
    void slicesAndProjectionAgreeWithPydicom(@TempDir Path out) throws Exception {
        runReference(out);
        var slicer = new Slicer(spect.geometry());
        assertThat(slicer.count(Plane.AXIAL)).isEqualTo(199);
        assertThat(slicer.count(Plane.SAGITTAL)).isEqualTo(256);
        same(slicer.slice(spect, Plane.AXIAL, AXIAL), out, "axial");
        same(slicer.mip(spect, Plane.CORONAL), out, "coronal-mip");
        same(slicer.slice(spect, Plane.SAGITTAL, SAGITTAL), out, "sagittal");
        var axial = slicer.slice(spect, Plane.AXIAL, 0);
        assertThat(axial.pixelWidthMm()).isCloseTo(1.95313, org.assertj.core.data.Offset.offset(1e-4));
        assertThatThrownBy(() -> slicer.slice(spect, Plane.AXIAL, 199)).hasMessageContaining("slices 0..198");
    }

    @Test
    void theRenderedSliceOutlinesTheLesionsWhereTheyAre() throws IOException {
        Path rtstruct;
        try (Stream<Path> s = Files.list(root.resolve("mask"))) {
            rtstruct = s.findFirst().orElseThrow();
        }
        List<Mask> vois = RtStruct.read(rtstruct).rasterise(spect.geometry());
        var scene = new Scene("SCAN_001", spect, Optional.empty(), vois, Optional.empty(), "");
        Mask lesion = vois.get(0);
        int[] idx = lesion.indices();
        int centre = idx[idx.length / 2];
        int nx = spect.geometry().nx();
        int ny = spect.geometry().ny();
        int i = centre % nx;
        int j = (centre / nx) % ny;
        int k = centre / (nx * ny);
        int slice = scene.slicer().sliceThrough(Plane.AXIAL, i, j, k);

        var image = SceneRenderer.render(scene, new SceneRenderer.View(Plane.AXIAL, slice, false, true, false, 512));
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(512);
        Path png = Path.of("target", "screenshots", "viewer-axial-lesion.png");
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());

        // outline pixels only in the lesion's bounding box (a few pixels of margin), none elsewhere
        int colour = SceneRenderer.VOI_COLOURS[0].getRGB() & 0xffffff;
        var covered = scene.slicer().mask(lesion, Plane.AXIAL, slice);
        int minC = Integer.MAX_VALUE, maxC = -1, minR = Integer.MAX_VALUE, maxR = -1;
        for (int p = covered.nextSetBit(0); p >= 0; p = covered.nextSetBit(p + 1)) {
            minC = Math.min(minC, p % nx);
            maxC = Math.max(maxC, p % nx);
            minR = Math.min(minR, p / nx);
            maxR = Math.max(maxR, p / nx);
        }
        double s = 512.0 / nx;
        int inside = 0, outside = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                if ((image.getRGB(x, y) & 0xffffff) != colour) {
                    continue;
                }
                boolean near = x >= (minC - 1) * s && x <= (maxC + 2) * s && y >= (minR - 1) * s && y <= (maxR + 2) * s;
                if (near) {
                    inside++;
                } else {
                    outside++;
                }
            }
        }
        assertThat(inside).as("outline pixels around the lesion").isGreaterThan(20);
        assertThat(outside).as("outline pixels elsewhere").isZero();
    }

    private static void same(Slice slice, Path dir, String name) throws IOException {
        String[] shape = Files.readString(dir.resolve(name + ".shape")).strip().split(" ");
        assertThat(slice.width()).as(name + " width").isEqualTo(Integer.parseInt(shape[0]));
        assertThat(slice.height()).as(name + " height").isEqualTo(Integer.parseInt(shape[1]));
        var buf =
                ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float max = 0;
        float worst = 0;
        for (int p = 0; p < slice.values().length; p++) {
            float ref = buf.getFloat();
            max = Math.max(max, Math.abs(ref));
            worst = Math.max(worst, Math.abs(ref - slice.values()[p]));
        }
        assertThat(max).as(name + " has signal").isGreaterThan(0);
        assertThat(worst / max)
                .as(name + ": largest difference relative to the maximum")
                .isLessThan(1e-5f);
    }

    private static void runReference(Path out) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)
                || new ProcessBuilder(PYTHON.toString(), "-c", "import pydicom, numpy")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("python3 with pydicom and numpy (Debian python3-pydicom python3-numpy)");
        }
        Path script = out.resolve("slices_reference.py");
        try (var in = ViewerReferenceTest.class.getResourceAsStream("slices_reference.py")) {
            Files.copy(in, script);
        }
        var p = new ProcessBuilder(
                        PYTHON.toString(),
                        script.toString(),
                        root.resolve("image").toString(),
                        out.toString(),
                        Integer.toString(AXIAL),
                        Integer.toString(SAGITTAL))
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
    }
}

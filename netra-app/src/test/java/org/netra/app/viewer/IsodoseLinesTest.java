package org.netra.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.imaging.io.RtStruct;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/**
 * Isodose lines: on an analytic cone the 5 Gy line is the circle of radius 5; on a field with saddles every crossing
 * netra finds is one contourpy (matplotlib's contouring library, another implementation of marching squares) finds,
 * and none is missing; drawn over the real SPECT's single-time-point dose map with a legend (screenshot kept).
 */
class IsodoseLinesTest {
    @TempDir
    Path dir;

    @Test
    void theLevelOfAConeIsItsCircle() {
        int n = 41;
        float[] v = new float[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                v[col + n * row] = (float) (10 - Math.hypot(col - 20, row - 20));
            }
        }
        var segments = IsodoseLines.of(new Slice(n, n, v, 1, 1), 5);
        assertThat(segments).hasSizeGreaterThan(20);
        for (var s : segments) {
            // linear interpolation along an edge of a cone errs by less than 0.02 pixel at this radius
            assertThat(Math.hypot(s.x1() - 20, s.y1() - 20)).isCloseTo(5, within(0.02));
            assertThat(Math.hypot(s.x2() - 20, s.y2() - 20)).isCloseTo(5, within(0.02));
        }
        assertThatThrownBy(() -> IsodoseLines.of(new Slice(n, n, v, 1, 1), 0)).hasMessageContaining("above 0 Gy");
    }

    @Test
    void everyCrossingIsOneContourpyFindsAndNoneIsMissing() throws Exception {
        ExternalTool.requirePython("python3-matplotlib", "contourpy");
        int w = 37;
        int h = 29;
        float[] v = new float[w * h];
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                // two hot spots and a cold one: closed lines, open lines at the edges, and saddles between them
                double d = 8 * Math.exp(-(Math.pow(col - 10, 2) + Math.pow(row - 9, 2)) / 30)
                        + 6 * Math.exp(-(Math.pow(col - 24, 2) + Math.pow(row - 18, 2)) / 45)
                        - 3 * Math.exp(-(Math.pow(col - 17, 2) + Math.pow(row - 14, 2)) / 8)
                        + 2.5;
                v[col + w * row] = (float) d;
                text.append(String.format(Locale.ROOT, "%.9g", (float) d)).append(col + 1 < w ? " " : "\n");
            }
        }
        Path field = dir.resolve("field.txt");
        Files.writeString(field, text);
        for (double level : List.of(3.0, 4.5, 6.0)) {
            var r = ExternalTool.run(List.of(
                    ExternalTool.DEBIAN_PYTHON.toString(), "-c", """
                    import sys, numpy, contourpy
                    z = numpy.loadtxt(sys.argv[1], dtype=numpy.float64)
                    lines = contourpy.contour_generator(z=z).lines(float(sys.argv[2]))
                    for line in lines:
                        for x, y in line:
                            print('%.6f %.6f' % (x, y))
                    """, field.toString(), Double.toString(level)));
            assertThat(r.exitCode()).as(r.err()).isZero();
            // the field went through decimal text: the crossings agree to 1e-5 pixel, not bit for bit
            List<double[]> theirs = new java.util.ArrayList<>();
            for (String l : r.out().lines().toList()) {
                String[] xy = l.split(" ");
                double[] p = {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
                if (theirs.stream().noneMatch(q -> near(p, q))) {
                    theirs.add(p); // a closed line repeats its first point
                }
            }
            TreeSet<String> distinct = new TreeSet<>();
            List<double[]> ours = new java.util.ArrayList<>();
            for (var s : IsodoseLines.of(new Slice(w, h, v, 1, 1), level)) {
                for (double[] p : List.of(new double[] {s.x1(), s.y1()}, new double[] {s.x2(), s.y2()})) {
                    if (distinct.add(p[0] + " " + p[1])) {
                        ours.add(p);
                    }
                }
            }
            assertThat(ours)
                    .as("crossings at %s Gy", level)
                    .hasSizeGreaterThan(20)
                    .hasSameSizeAs(theirs);
            for (double[] p : ours) {
                assertThat(theirs.stream().anyMatch(q -> near(p, q)))
                        .as("netra's crossing (%s, %s) at %s Gy is contourpy's", p[0], p[1], level)
                        .isTrue();
            }
            for (double[] q : theirs) {
                assertThat(ours.stream().anyMatch(p -> near(p, q)))
                        .as("contourpy's crossing (%s, %s) at %s Gy is netra's", q[0], q[1], level)
                        .isTrue();
            }
        }
    }

    private static boolean near(double[] p, double[] q) {
        return Math.abs(p[0] - q[0]) < 1e-5 && Math.abs(p[1] - q[1]) < 1e-5;
    }

    @Test
    void linesAndLegendOverTheRealSpectsDoseMap() throws Exception {
        Path root = TestData.path("dicom/lu177-dotatate-spect/SCAN_001");
        var spect = SeriesAssembler.assemble(root.resolve("image")).volume();
        var dose = FolderStudies.singlePointDose(spect, 24.0);
        Path rtstruct;
        try (Stream<Path> s = Files.list(root.resolve("mask"))) {
            rtstruct = s.findFirst().orElseThrow();
        }
        var vois = RtStruct.read(rtstruct).rasterise(spect.geometry());
        var scene = new Scene("SCAN_001", spect, Optional.empty(), vois, Optional.of(dose), "illustrative");
        int[] idx = vois.get(0).indices();
        int centre = idx[idx.length / 2];
        int nx = spect.geometry().nx();
        int ny = spect.geometry().ny();
        int slice = scene.slicer().sliceThrough(Plane.AXIAL, centre % nx, (centre / nx) % ny, centre / (nx * ny));
        var axial = scene.slicer().slice(dose, Plane.AXIAL, slice);
        float top = 0;
        for (float x : axial.values()) {
            top = Math.max(top, x);
        }
        // levels at a quarter and half of the slice's hottest voxel: lines there for certain
        double quarter = Math.round(top / 4 * 10) / 10.0;
        double half = Math.round(top / 2 * 10) / 10.0;
        var view = new SceneRenderer.View(
                Plane.AXIAL,
                slice,
                false,
                false,
                false,
                512,
                Windowing.CtWindow.SOFT_TISSUE,
                Windowing.DEFAULT_SCALE,
                List.of(quarter, half));
        var image = SceneRenderer.render(scene, view);
        Path png = Path.of("target", "screenshots", "viewer-isodose-axial.png");
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());
        int first = SceneRenderer.ISODOSE_COLOURS[0].getRGB() & 0xffffff;
        int second = SceneRenderer.ISODOSE_COLOURS[1].getRGB() & 0xffffff;
        int a = 0;
        int b = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                a += rgb == first ? 1 : 0;
                b += rgb == second ? 1 : 0;
            }
        }
        assertThat(a).as("pixels of the %s Gy line", quarter).isGreaterThan(30);
        assertThat(b).as("pixels of the %s Gy line", half).isGreaterThan(30);

        var noDose = new Scene("SCAN_001", spect, Optional.empty(), vois, Optional.empty(), "");
        assertThatThrownBy(() -> SceneRenderer.render(noDose, view)).hasMessageContaining("no dose map");
    }

    /**
     * On a MIP the line at D is the outline of the volume receiving D or more, seen along the ray: for a dose falling
     * off as 10 − r (Gy, r in voxels from the centre) that volume is a ball of radius 10 − D, whose outline from any
     * side is the circle of the same radius. Drawn on the coronal MIP and the sagittal one, its legend saying
     * "projected"; screenshot kept.
     */
    @Test
    void onAMipTheLineIsTheOutlineOfTheVolumeAtThatDose() throws Exception {
        int n = 41;
        var grid = org.netra.imaging.volume.Geometry.of(n, n, n, new double[] {4, 4, 4}, new double[] {0, 0, 0});
        float[] gy = new float[n * n * n];
        float[] bq = new float[gy.length];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double r = Math.sqrt(Math.pow(i - 20, 2) + Math.pow(j - 20, 2) + Math.pow(k - 20, 2));
                    gy[grid.index(i, j, k)] = (float) Math.max(0, 10 - r);
                    bq[grid.index(i, j, k)] = 1;
                }
            }
        }
        var dose = org.netra.imaging.volume.ImageVolume.wrap(grid, org.netra.imaging.volume.VoxelUnit.GY, gy);
        var scene = new Scene(
                "ball",
                org.netra.imaging.volume.ImageVolume.wrap(grid, org.netra.imaging.volume.VoxelUnit.BQ_PER_ML, bq),
                Optional.empty(),
                List.of(),
                Optional.of(dose),
                "");
        for (Plane plane : List.of(Plane.CORONAL, Plane.SAGITTAL)) {
            var segments = IsodoseLines.of(scene.slicer().mip(dose, plane), 6);
            assertThat(segments).hasSizeGreaterThan(12);
            for (var s : segments) {
                assertThat(Math.hypot(s.x1() - 20, s.y1() - 20)).isCloseTo(4, within(0.02));
                assertThat(Math.hypot(s.x2() - 20, s.y2() - 20)).isCloseTo(4, within(0.02));
            }
            // drawn: 10 image pixels a voxel, the circle's pixels 40 from the centre voxel's (205, 205)
            var image = SceneRenderer.render(
                    scene,
                    new SceneRenderer.View(
                            plane,
                            -1,
                            false,
                            false,
                            false,
                            410,
                            Windowing.CtWindow.SOFT_TISSUE,
                            Windowing.DEFAULT_SCALE,
                            List.of(6.0)));
            Path png = Path.of(
                    "target",
                    "screenshots",
                    "viewer-isodose-mip-" + plane.name().toLowerCase(Locale.ROOT) + ".png");
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
            int colour = SceneRenderer.ISODOSE_COLOURS[0].getRGB() & 0xffffff;
            int onCircle = 0;
            for (int y = 0; y < 330; y++) { // above the legend
                for (int x = 0; x < image.getWidth(); x++) {
                    if ((image.getRGB(x, y) & 0xffffff) == colour) {
                        assertThat(Math.hypot(x + 0.5 - 205, y + 0.5 - 205)).isCloseTo(40, within(3.0));
                        onCircle++;
                    }
                }
            }
            // the line is antialiased: about a third of its 250 pixels are exactly its colour
            assertThat(onCircle)
                    .as("pixels of the 6 Gy outline on the %s MIP", plane)
                    .isGreaterThan(60);
        }
    }
}

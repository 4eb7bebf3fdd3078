package org.netra.app.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.netra.app.report.Plot;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.export.ImageSeriesWriter;
import org.netra.sim.export.RtStructWriter;
import org.netra.sim.export.StudyContext;
import org.netra.sim.kinetics.SimulatedTracer;

/**
 * Opens a small made-up SPECT/CT study the way the viewer opens a real one — DICOM read, Bq/mL, CT resampled, VOIs
 * rasterised, the dose map, every plane, the MIP, isodose lines, colour bars, PNG — so that a server's first real
 * study does not pay for loading and compiling that code (it made the first study after a JVM start ≈ 3 s at a load
 * of 15, 0.3 s for the next: docs/benchmarks.md). A few rounds, because the JIT compiles a loop's method only after
 * it has run often enough. Nothing of the made-up study is kept or shown.
 */
public final class ViewerWarmUp {
    /** Enough rounds for the hot loops (slicing, colouring, PNG filters) to be compiled; each ≈ 0.1 s once warm. */
    private static final int ROUNDS = 6;

    private static final int SIDE = 64;
    private static final int SLICES = 40;
    private static final double VOXEL_MM = 4.8;

    private ViewerWarmUp() {}

    /** Starts {@link #run} on a background thread of the lowest priority; requests are never held up by it. */
    public static Thread inBackground() {
        Thread t = new Thread(
                () -> {
                    try {
                        run();
                    } catch (RuntimeException e) {
                        // only speed is lost: the first study opened then pays for the loading
                    }
                },
                "netra-viewer-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Writes the made-up study to a temporary folder, opens and draws it {@link #ROUNDS} times, deletes it. */
    public static void run() {
        Path root = null;
        try {
            root = Files.createTempDirectory("netra-viewer-warm-up");
            write(root.resolve("study"));
            for (int round = 0; round < ROUNDS; round++) {
                // a fresh catalogue each round: the scene is read again, as a study not yet opened is
                var studies = FolderStudies.scan(root);
                Scene scene = studies.scene("study").orElseThrow();
                for (Plane plane : Plane.values()) {
                    int middle = scene.slicer().count(plane) / 2;
                    Plot.png(SceneRenderer.render(
                            scene,
                            new SceneRenderer.View(
                                    plane,
                                    middle,
                                    true,
                                    true,
                                    true,
                                    384,
                                    Windowing.CtWindow.SOFT_TISSUE,
                                    Windowing.DEFAULT_SCALE,
                                    List.of(0.5, 1.0))));
                }
                var mip = new SceneRenderer.View(Plane.CORONAL, -1, true, true, false, 384);
                Plot.png(SceneRenderer.render(scene, mip));
                for (SceneRenderer.Layer layer : SceneRenderer.Layer.values()) {
                    Plot.png(SceneRenderer.colourBar(scene, mip, layer, 384));
                }
                scene.readout(SIDE / 2, SIDE / 2, SLICES / 2);
                // the CT alone, as a demo twin's study shows it while its SPECT is simulated
                var ctOnly = new Studies.Simulating("warm-up", scene.ct().orElseThrow(), 0, "warm-up");
                for (Plane plane : Plane.values()) {
                    Plot.png(SceneRenderer.renderCtOnly(
                            ctOnly, plane, scene.slicer().count(plane) / 2, Windowing.CtWindow.SOFT_TISSUE, 384));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the viewer's warm-up study", e);
        } finally {
            if (root != null) {
                delete(root);
            }
        }
    }

    /**
     * A 177Lu SPECT 24 h after injection (so it gets a dose map) with a hot sphere in a warm body, its CT, and the
     * sphere as an RTSTRUCT VOI, in the folder layout {@link FolderStudies} reads.
     */
    private static void write(Path study) throws IOException {
        Geometry g = Geometry.of(
                SIDE, SIDE, SLICES, new double[] {VOXEL_MM, VOXEL_MM, VOXEL_MM}, new double[] {-150, -150, -100});
        float[] bqPerMl = new float[SIDE * SIDE * SLICES];
        float[] hu = new float[bqPerMl.length];
        BitSet sphere = new BitSet(bqPerMl.length);
        for (int k = 0; k < SLICES; k++) {
            for (int j = 0; j < SIDE; j++) {
                for (int i = 0; i < SIDE; i++) {
                    int v = g.index(i, j, k);
                    double body = Math.hypot(i - SIDE / 2.0, (j - SIDE / 2.0) * 1.4);
                    double lesion = Math.sqrt(Math.pow(i - 24, 2) + Math.pow(j - 30, 2) + Math.pow(k - 20, 2));
                    boolean inBody = body < SIDE * 0.4;
                    hu[v] = inBody ? 40 : -1000;
                    bqPerMl[v] = inBody ? 2_000 + (lesion < 5 ? 60_000 : 0) : 0;
                    sphere.set(v, lesion < 5);
                }
            }
        }
        var context = StudyContext.of(1, BodySize.REFERENCE_MALE, LocalDateTime.of(2024, 1, 2, 9, 0));
        ImageSeriesWriter.writeSpect(
                study.resolve("image"),
                context,
                "spect",
                2,
                ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, bqPerMl),
                new ImageSeriesWriter.SpectFacts(
                        SimulatedTracer.LU177_DOTATATE,
                        LocalDateTime.of(2024, 1, 1, 9, 0),
                        7400,
                        24,
                        1200,
                        10,
                        "viewer warm-up"));
        List<String> ctSlices = ImageSeriesWriter.writeCt(
                study.resolveSibling("ct").resolve("image"), context, ImageVolume.wrap(g, VoxelUnit.HU, hu));
        Files.createDirectories(study.resolve("mask"));
        RtStructWriter.write(
                study.resolve("mask").resolve("rtstruct.dcm"),
                context,
                List.of(Mask.of("lesion", g, sphere)),
                Map.of("lesion", "GTV"),
                ctSlices);
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }
}

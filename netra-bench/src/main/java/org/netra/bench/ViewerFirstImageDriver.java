package org.netra.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.netra.app.viewer.FolderStudies;
import org.netra.app.viewer.Plane;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.SceneRenderer;
import org.netra.app.viewer.Studies;

/**
 * Time to the viewer's first image, in-process, for bench/run-viewer.sh (issue 21): what the server does between a
 * study's page being asked for and its first panel (the axial middle slice, as the page's first {@code <img>} asks
 * it, encoded to PNG) being ready. {@code ViewerFirstImageDriver MODE ROOT [STUDY...]}:
 *
 * <ul>
 *   <li>{@code cold ROOT STUDY}: the first study this JVM opens (the script times JVM start around it), with or
 *       without {@link org.netra.app.viewer.ViewerWarmUp} first ({@code cold-warmed});
 *   <li>{@code warm ROOT STUDY...}: a server that has opened other studies: each study is opened by a fresh
 *       catalogue (so none is in memory) after warm-up rounds on the others, five times, median/min/max.
 * </ul>
 *
 * Prints one line per study: "MODE study median min max" in ms.
 */
public final class ViewerFirstImageDriver {
    private ViewerFirstImageDriver() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path root = Path.of(args[1]);
        List<String> ids = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        switch (mode) {
            case "cold", "cold-warmed" -> {
                if (mode.equals("cold-warmed")) {
                    long w = System.nanoTime();
                    long cpu = processCpuNanos();
                    org.netra.app.viewer.ViewerWarmUp.run();
                    System.out.printf(
                            Locale.ROOT,
                            "warm-up %.0f ms (process CPU %.0f ms)%n",
                            (System.nanoTime() - w) / 1e6,
                            (processCpuNanos() - cpu) / 1e6);
                }
                long t = System.nanoTime();
                long cpu = processCpuNanos();
                byte[] png = firstImage(FolderStudies.scan(root), ids.get(0));
                print(mode, ids.get(0), new double[] {(System.nanoTime() - t) / 1e6}, png.length);
                // on a shared machine the wall time mostly says how busy it was; this is the work, JIT threads too
                System.out.printf(Locale.ROOT, "process CPU %.0f ms%n", (processCpuNanos() - cpu) / 1e6);
            }
            case "warm" -> {
                for (int round = 0; round < 2; round++) {
                    for (String id : ids) {
                        firstImage(FolderStudies.scan(root), id);
                    }
                }
                int runs = 5;
                for (String id : ids) {
                    double[] ms = new double[runs];
                    int bytes = 0;
                    for (int i = 0; i < runs; i++) {
                        var studies = FolderStudies.scan(root);
                        long t = System.nanoTime();
                        bytes = firstImage(studies, id).length;
                        ms[i] = (System.nanoTime() - t) / 1e6;
                    }
                    print(mode, id, ms, bytes);
                }
            }
            case "twin-kept", "twin-kept-warmed" -> {
                // ROOT is a twin scan cache folder and the next argument a cycle's key: the scene a restarted demo
                // makes of its 24 h scan (TwinStudies' layers: the scan, its CT, the phantom's VOIs, the dose map)
                if (mode.endsWith("-warmed")) {
                    org.netra.app.viewer.ViewerWarmUp.run();
                }
                long t = System.nanoTime();
                long cpu = processCpuNanos();
                var kept = org.netra.app.demo.TwinScanCache.in(root, Long.MAX_VALUE)
                        .read(ids.get(0))
                        .orElseThrow(() -> new IllegalArgumentException("no kept scans " + ids.get(0) + " in " + root));
                int scan = kept.hours().indexOf(24.0);
                var image = kept.images().get(scan);
                var scene = new Scene(
                        "twin",
                        image,
                        java.util.Optional.of(kept.cts().get(scan)),
                        kept.vois(),
                        java.util.Optional.of(FolderStudies.singlePointDose(image, 24.0)),
                        "");
                byte[] png = firstImage(scene);
                print(mode, ids.get(0), new double[] {(System.nanoTime() - t) / 1e6}, png.length);
                System.out.printf(Locale.ROOT, "process CPU %.0f ms%n", (processCpuNanos() - cpu) / 1e6);
            }
            default ->
                throw new IllegalArgumentException(
                        "mode is cold, cold-warmed, warm, twin-kept or twin-kept-warmed, got " + mode);
        }
    }

    /** What the page and its first panel need: the scene, then the axial middle slice as PNG. */
    static byte[] firstImage(Studies studies, String id) {
        return firstImage(studies.scene(id).orElseThrow(() -> new IllegalArgumentException("no study " + id)));
    }

    static byte[] firstImage(Scene scene) {
        int middle = scene.slicer().count(Plane.AXIAL) / 2;
        var view = new SceneRenderer.View(Plane.AXIAL, middle, true, true, false, 384);
        return org.netra.app.report.Plot.png(SceneRenderer.render(scene, view));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(String mode, String id, double[] ms, int bytes) {
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "%s %s %.0f %.0f %.0f (%d B)%n",
                mode,
                id,
                ms[ms.length / 2],
                ms[0],
                ms[ms.length - 1],
                bytes);
    }
}

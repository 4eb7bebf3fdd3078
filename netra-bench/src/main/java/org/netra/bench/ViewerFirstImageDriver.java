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
 *   <li>{@code twin-unsimulated N}: a demo twin's study nobody has simulated, N of them ({@link #twinUnsimulated});
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
        if (mode.equals("twin-unsimulated")) {
            twinUnsimulated(Integer.parseInt(args[1]));
            return;
        }
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
                        "mode is cold, cold-warmed, warm, twin-kept, twin-kept-warmed or twin-unsimulated, got "
                                + mode);
        }
    }

    /**
     * {@code twin-unsimulated N}: a fresh demo-like server (the synthetic cohort in an in-memory store, the viewer
     * warmed up as {@code netra demo} does, no kept scans) opens the 24 h scan of N cycles nobody has simulated, one
     * after the other as a user clicking them: what the page and its first panel need (the opening, then the axial
     * middle slice as PNG: the CT alone while the SPECT is simulated), then the wait for the whole study and its
     * first fused image; {@code -Dbench.noTwinWarmUp=true} leaves out the demo's twin warm-up. Prints per study "twin-unsimulated study first-image-ms whole-study-ms (bytes) CPU".
     */
    private static void twinUnsimulated(int n) throws InterruptedException {
        org.netra.app.viewer.ViewerWarmUp.run();
        if (!Boolean.getBoolean("bench.noTwinWarmUp")) {
            // as netra demo does at start (there in the background)
            org.netra.app.demo.TwinStudies.warmUpInBackground().join();
        }
        try (var store = org.netra.store.Store.open(
                org.netra.store.StoreConfig.inMemory("bench-twin-" + java.util.UUID.randomUUID()))) {
            new org.netra.app.demo.SyntheticDemoCohort(2026, 80, java.time.LocalDate.of(2021, 9, 6))
                    .load(store, "bench");
            var twins = new org.netra.app.demo.TwinStudies(() -> store, org.netra.app.demo.TwinScanCache.none());
            // the 24 h scan of the newest cycle of N patients (the list is newest first, four scans per cycle)
            List<Studies.Study> list = twins.list();
            List<String> ids = new ArrayList<>();
            java.util.Set<String> patients = new java.util.HashSet<>();
            for (int i = 1; i < list.size() && ids.size() < n; i += 4) {
                String patient =
                        list.get(i).title().substring(0, list.get(i).title().indexOf(" · "));
                if (patients.add(patient)) {
                    ids.add(list.get(i).id());
                }
            }
            for (String id : ids) {
                long cpu = processCpuNanos();
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long requestCpu = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                byte[] first =
                        switch (twins.open(id).orElseThrow()) {
                            case Studies.Opened o -> firstImage(o.scene());
                            case Studies.Simulating s -> {
                                int middle = new org.netra.app.viewer.Slicer(s.ct().geometry()).count(Plane.AXIAL) / 2;
                                yield org.netra.app.report.Plot.png(SceneRenderer.renderCtOnly(
                                        s,
                                        Plane.AXIAL,
                                        middle,
                                        org.netra.app.viewer.Windowing.CtWindow.SOFT_TISSUE,
                                        384));
                            }
                        };
                double firstMs = (System.nanoTime() - t) / 1e6;
                // the request's own work, apart from the simulation it started on another thread
                double firstCpuMs = (threads.getCurrentThreadCpuTime() - requestCpu) / 1e6;
                byte[] whole = firstImage(twins.scene(id).orElseThrow());
                double wholeMs = (System.nanoTime() - t) / 1e6;
                System.out.printf(
                        Locale.ROOT,
                        "twin-unsimulated %s first image %.0f ms (its thread's CPU %.0f ms, %d B), whole study %.0f"
                                + " ms (%d B), process CPU %.0f ms; load %s%n",
                        id,
                        firstMs,
                        firstCpuMs,
                        first.length,
                        wholeMs,
                        whole.length,
                        (processCpuNanos() - cpu) / 1e6,
                        loadAverage());
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
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

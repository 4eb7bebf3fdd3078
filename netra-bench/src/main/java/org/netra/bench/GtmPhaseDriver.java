package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.VoiSource;

/**
 * The partial-volume correction (GTM) of a whole cycle on its own clock (issue 22): a cycle run by {@link
 * CyclePipeline} with its default options (registration through each session's CT, GTM at the camera's PSF and its
 * FWHM + 1 mm), and the process CPU and wall time from the pipeline's "partial-volume correction" step (85 %) to its
 * end, which is the GTM (regions' set-up, reading each scan, the transfer matrices, both solutions) and the report's
 * assembly (small). The GTM runs alone in the process then, so its process CPU seconds are its own, far steadier on a
 * shared machine than a whole cycle's (whose ±0.5 CPU-s hide a GTM change). A warm-up run, then {@code runs} timed;
 * prints the medians and each VOI's dose of the last run (for comparing builds).
 *
 * <p>Usage: {@code java -cp … org.netra.bench.GtmPhaseDriver RUNS RTSTRUCT SPECT_DIR CT_DIR [SPECT_DIR CT_DIR …]}
 * (bench/run-gtm-phase.sh, on the real-size twin).
 */
public final class GtmPhaseDriver {
    private GtmPhaseDriver() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path rtstruct = Path.of(args[1]);
        List<CycleInput.Scan> scans = new ArrayList<>();
        for (int a = 2; a + 1 < args.length; a += 2) {
            scans.add(new CycleInput.Scan(Path.of(args[a]), Optional.of(Path.of(args[a + 1]))));
        }
        var input =
                new CycleInput.Series(scans, Optional.empty(), new VoiSource.RtStructFile(rtstruct), Optional.empty());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        CycleReport last = null;
        for (int r = -1; r < runs; r++) {
            long[] start = new long[2];
            last = CyclePipeline.run(input, CycleOptions.DEFAULTS, (percent, step) -> {
                if (percent == 85) {
                    start[0] = os.getProcessCpuTime();
                    start[1] = System.nanoTime();
                }
            });
            long cpuEnd = os.getProcessCpuTime(), wallEnd = System.nanoTime();
            if (start[1] == 0) {
                throw new IllegalStateException("the cycle ran no partial-volume correction");
            }
            if (r >= 0) {
                cpu[r] = (cpuEnd - start[0]) / 1e9;
                wall[r] = (wallEnd - start[1]) / 1e9;
            }
        }
        for (CycleResult.Voi v : last.result().vois()) {
            System.out.printf(
                    Locale.ROOT, "dose %s %.9g Gy%n", v.name(), v.dose().inGy());
        }
        double[] c = cpu.clone(), w = wall.clone();
        Arrays.sort(c);
        Arrays.sort(w);
        System.out.printf(
                Locale.ROOT,
                "gtm-phase cpu %.3f s wall %.3f s (medians of %d; cpu %s)%n",
                c[runs / 2],
                w[runs / 2],
                runs,
                Arrays.toString(cpu));
    }
}

package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.imaging.volume.ImageVolume;

/**
 * The kinetics and dose phase of a whole cycle on its own clock (issue 22): a cycle run by {@link CyclePipeline}
 * with its default options, and the process CPU and wall seconds from the pipeline's "fitting time–activity curves
 * and computing the dose" step (65 %) to its partial-volume step (85 %): the region curves, the voxel kinetics, the
 * kernel dose plan and map and the VOIs' sums and DVHs, alone in the process. Two warm-up runs, then {@code runs}
 * timed; prints the medians, the clock time the timed runs began (to cut a JFR recording's warm-up samples off),
 * each VOI's dose and the maps' checksums of the last run (for comparing builds bit for bit).
 *
 * <p>Usage: {@code java -cp … org.netra.bench.KineticsDoseDriver RUNS RTSTRUCT SPECT_DIR CT_DIR [SPECT_DIR CT_DIR
 * …]} ({@code PHASE=kinetics-dose bench/run-gtm-phase.sh}, on the real-size twin).
 */
public final class KineticsDoseDriver {
    /**
     * Cycles run before the timed ones: the first cycle's process CPU is half C2's compilations, and the second's
     * still holds some (1.3–2.4 CPU-s against 0.7–1.1 from the third on, real size).
     */
    private static final int WARM_UPS = 2;

    private KineticsDoseDriver() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<CycleInput.Scan> scans = new ArrayList<>();
        for (int a = 2; a + 1 < args.length; a += 2) {
            scans.add(new CycleInput.Scan(Path.of(args[a]), Optional.of(Path.of(args[a + 1]))));
        }
        var input = new CycleInput.Series(
                scans, Optional.empty(), new VoiSource.RtStructFile(Path.of(args[1])), Optional.empty());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[runs], wall = new double[runs];
        CycleReport last = null;
        for (int r = -WARM_UPS; r < runs; r++) {
            if (r == 0) {
                System.out.println("timed runs from " + LocalTime.now());
            }
            long[] at = new long[4];
            last = CyclePipeline.run(input, CycleOptions.DEFAULTS, (percent, step) -> {
                if (percent == 65) {
                    at[0] = os.getProcessCpuTime();
                    at[1] = System.nanoTime();
                } else if (percent == 85) {
                    at[2] = os.getProcessCpuTime();
                    at[3] = System.nanoTime();
                }
            });
            if (at[1] == 0 || at[3] == 0) {
                throw new IllegalStateException("the cycle did not pass its dose and partial-volume steps");
            }
            if (r >= 0) {
                cpu[r] = (at[2] - at[0]) / 1e9;
                wall[r] = (at[3] - at[1]) / 1e9;
            }
        }
        for (var v : last.result().vois()) {
            System.out.printf(
                    Locale.ROOT, "dose %s %.9g Gy%n", v.name(), v.dose().inGy());
        }
        System.out.println("checksum tia-map " + checksum(last.result().tiaMap()));
        System.out.println("checksum dose-map " + checksum(last.result().doseMap()));
        double[] c = cpu.clone(), w = wall.clone();
        Arrays.sort(c);
        Arrays.sort(w);
        System.out.printf(
                Locale.ROOT,
                "kinetics-dose cpu %.3f s wall %.3f s (medians of %d; cpu %s)%n",
                c[runs / 2],
                w[runs / 2],
                runs,
                Arrays.toString(cpu));
    }

    /** The map's float bits hashed in voxel order: equal maps, equal sums. */
    private static String checksum(Optional<ImageVolume> map) {
        return map.map(m -> Integer.toHexString(Arrays.hashCode(m.voxels()))).orElse("none");
    }
}

package org.netra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.netra.dosimetry.cycle.CycleInput;
import org.netra.dosimetry.cycle.CycleOptions;
import org.netra.dosimetry.cycle.CyclePipeline;
import org.netra.dosimetry.cycle.CycleReport;
import org.netra.dosimetry.cycle.CycleResult;
import org.netra.dosimetry.cycle.VoiSource;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.DicomFile;
import org.netra.imaging.dicom.DicomWriter;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Uids;
import org.netra.imaging.dicom.Vr;

/**
 * The whole-cycle benchmark of issue 4: four 256×256×199 SPECT time points read from DICOM, registered
 * (rigid, NMI) to the first, fitted voxel-wise, convolved with the 177Lu kernel, summarised per VOI (the
 * real patient's two lesions) and GTM-corrected, by {@link CyclePipeline} with its default options. The four series are written once to a temporary folder with netra's own
 * DICOM writer from the real patient's two scans: SCAN_001 as itself (3.7 h), SCAN_002 as itself (27.7 h)
 * and, scaled down and re-timed, as 96 h and 168 h, so the voxels rise then clear.
 *
 * <p>Wall time per phase and in all, for each of {@code runs} runs after two warm-up runs, then the
 * medians; with the CPU time of the main thread during registration and of the whole process per cycle,
 * which stay meaningful when other work shares the cores (an idle 2-core machine needs at least half the
 * process CPU time as wall time). Usage: {@code java -cp … org.netra.bench.CycleDriver [runs]} (bench/run-cycle.sh).
 */
public final class CycleDriver {
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss.SSSSSS");
    private static final String[] PHASES = {
        "read", "register", "fit+convolve+summarise", "partial volume (GTM)", "total", "total (process CPU)"
    };

    private CycleDriver() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path data = Path.of(System.getenv().getOrDefault("NETRA_TESTDATA", "../shared/data"))
                .resolve("dicom/lu177-dotatate-spect");
        Path dir = Files.createTempDirectory("netra-cycle");
        try {
            List<Path> series = writeSeries(data, dir);
            Path rtstruct;
            try (var files = Files.list(data.resolve("SCAN_001/mask"))) {
                rtstruct = files.findFirst().orElseThrow();
            }
            double[][] times = new double[runs][];
            for (int r = -2; r < runs; r++) {
                double[] t = once(series, rtstruct, r == runs - 1);
                if (r >= 0) {
                    times[r] = t;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "cores %d, load average at the end %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            for (int p = 0; p < PHASES.length; p++) {
                double[] col = new double[runs];
                for (int r = 0; r < runs; r++) {
                    col[r] = times[r][p];
                }
                Arrays.sort(col);
                System.out.printf(
                        Locale.ROOT,
                        "%-24s median %.3f s (min %.3f, max %.3f) over %d runs%n",
                        PHASES[p],
                        col[runs / 2],
                        col[0],
                        col[runs - 1],
                        runs);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One cycle through {@link CyclePipeline}, as the CLI and the web run it (rigid registration, no CTs in
     * this data; GTM with the camera-class PSF); returns seconds per phase.
     */
    static double[] once(List<Path> series, Path rtstruct, boolean print) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long p0 = os.getProcessCpuTime();
        long[] at = new long[5];
        at[0] = System.nanoTime();
        var input = new CycleInput.Series(
                series.stream()
                        .map(s -> new CycleInput.Scan(s, Optional.empty()))
                        .toList(),
                Optional.empty(),
                new VoiSource.RtStructFile(rtstruct),
                Optional.empty());
        // the pipeline reports its phases: reading up to 50 %, alignment to 65 %, dose from 65 %, GTM from 85 %
        CycleReport report = CyclePipeline.run(input, CycleOptions.DEFAULTS, (percent, step) -> {
            if (percent == 50) {
                at[1] = System.nanoTime();
            } else if (percent == 65) {
                at[2] = System.nanoTime();
            } else if (percent == 85) {
                at[3] = System.nanoTime();
            }
        });
        at[4] = System.nanoTime();
        long p4 = os.getProcessCpuTime();
        if (print) {
            CycleResult r = report.result();
            System.out.println("hours after injection " + r.afterInjection());
            System.out.println("voxel rules " + r.voxelFits());
            report.registrations().forEach(g -> g.ifPresent(x -> System.out.println("registration " + x)));
            for (CycleResult.Voi v : r.vois()) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: %s, TIA %.4g MBq·h, dose %.3f ± %.3f Gy%n",
                        v.name(),
                        v.tia().method().describe(),
                        v.tia().timeIntegratedActivity().inMBqHours(),
                        v.dose().inGy(),
                        v.doseSd().inGy());
            }
        }
        return new double[] {
            (at[1] - at[0]) / 1e9,
            (at[2] - at[1]) / 1e9,
            (at[3] - at[2]) / 1e9,
            (at[4] - at[3]) / 1e9,
            (at[4] - at[0]) / 1e9,
            (p4 - p0) / 1e9
        };
    }

    /** The four series, written with netra's DICOM writer into {@code dir}. */
    static List<Path> writeSeries(Path data, Path dir) throws IOException {
        // hours: the time to move the copy to (empty: keep the scan's own time)
        record Plan(String name, String from, OptionalDouble hours, double scale) {}
        List<Plan> plans = List.of(
                new Plan("tp1", "SCAN_001", OptionalDouble.empty(), 1),
                new Plan("tp2", "SCAN_002", OptionalDouble.empty(), 1),
                new Plan("tp3", "SCAN_002", OptionalDouble.of(96), 0.55),
                new Plan("tp4", "SCAN_002", OptionalDouble.of(168), 0.30));
        List<Path> out = new ArrayList<>();
        LocalDateTime injection = LocalDateTime.of(2018, 11, 15, 9, 22);
        int n = 0;
        for (Plan p : plans) {
            Path target = Files.createDirectories(dir.resolve(p.name()));
            String seriesUid = Uids.random();
            List<Path> files;
            try (var list = Files.list(data.resolve(p.from()).resolve("image"))) {
                files = list.sorted().toList();
            }
            int i = 0;
            for (Path f : files) {
                Attributes ds = DicomFile.read(f).dataset();
                var b = ds.toBuilder()
                        .setString(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid)
                        .setString(Tag.SOP_INSTANCE_UID, Vr.UI, seriesUid + "." + (++i));
                if (p.hours().isPresent()) {
                    LocalDateTime at =
                            injection.plusSeconds(Math.round(p.hours().getAsDouble() * 3600));
                    double slope = ds.decimal(Tag.RESCALE_SLOPE).orElse(1) * p.scale();
                    b.setString(Tag.SERIES_DATE, Vr.DA, DA.format(at))
                            .setString(Tag.SERIES_TIME, Vr.TM, TM.format(at))
                            .setString(Tag.ACQUISITION_DATE, Vr.DA, DA.format(at))
                            .setString(Tag.ACQUISITION_TIME, Vr.TM, TM.format(at))
                            .remove(Tag.ACQUISITION_DATE_TIME)
                            .setString(Tag.RESCALE_SLOPE, Vr.DS, String.format(Locale.ROOT, "%.6g", slope));
                }
                DicomWriter.write(target.resolve(f.getFileName()), b.build());
            }
            out.add(target);
        }
        return out;
    }
}

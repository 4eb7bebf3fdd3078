package org.netra.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PopulationModelBook;
import org.netra.store.clinical.RegionCurves;
import org.netra.store.record.Change;

/**
 * The population refit benchmark of issue 19: {@code cycles} multi-time-point cycles (125 patients × 4 cycles by
 * default; kidneys and one lesion each, scans at 4, 24, 96 and 168 h, kinetics drawn from known typical values) are
 * stored in a fresh embedded H2 database, then {@link PopulationModelBook#refit} — reading every stored cycle, the
 * NLME fit of each region kind, the dose-per-activity fits and the audited save — is timed, wall and process CPU,
 * for each of {@code runs} runs after one warm-up; medians printed. Usage: {@code java -cp … PopulationFitDriver
 * [cycles] [runs]} (bench/run-population.sh).
 */
public final class PopulationFitDriver {
    private PopulationFitDriver() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("netra-population");
        try (Store store = Store.open(StoreConfig.embedded(dir))) {
            storeCycles(store, cycles);
            var book = new PopulationModelBook(store.records());
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int r = -1; r < runs; r++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                var refit = book.refit(book.current().version(), "bench");
                double w = (System.nanoTime() - t0) / 1e9;
                double c = (os.getProcessCpuTime() - c0) / 1e9;
                if (r >= 0) {
                    wall[r] = w;
                    cpu[r] = c;
                }
                if (r == runs - 1) {
                    refit.regions().forEach((k, v) -> System.out.println(k.label() + ": " + v));
                    refit.notes().forEach(System.out::println);
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(
                    Locale.ROOT,
                    "refit of %d stored cycles: median wall %.2f s (min %.2f, max %.2f), process CPU %.2f s, %d runs%n",
                    cycles,
                    wall[runs / 2],
                    wall[0],
                    wall[runs - 1],
                    cpu[runs / 2],
                    runs);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stores {@code cycles} cycles, four per patient: kidney T_eff 50 h (ω 0.2, ω_c 0.1), lesion 80 h (ω 0.35). */
    static void storeCycles(Store store, int cycles) {
        SplittableRandom rng = new SplittableRandom(19);
        double[] hours = {4, 24, 96, 168};
        List<Change> changes = new ArrayList<>();
        int perPatient = 4;
        for (int i = 0; i * perPatient < cycles; i++) {
            String pid = String.format(Locale.ROOT, "B-%04d", i);
            double kidneyEta = 0.2 * rng.nextGaussian();
            double lesionEta = 0.35 * rng.nextGaussian();
            double gyPerGBq = 0.45 * Math.exp(0.3 * rng.nextGaussian());
            for (int c = 1; c <= perPatient && (i * perPatient + c) <= cycles; c++) {
                double kidneyRate = Math.log(2) / 50 * Math.exp(kidneyEta + 0.1 * rng.nextGaussian());
                double lesionRate = Math.log(2) / 80 * Math.exp(lesionEta + 0.1 * rng.nextGaussian());
                double[] kidney = new double[4];
                double[] lesion = new double[4];
                for (int k = 0; k < 4; k++) {
                    kidney[k] = 160 * Math.exp(-kidneyRate * hours[k] + 0.1 * rng.nextGaussian());
                    lesion[k] = 25 * Math.exp(-lesionRate * hours[k] + 0.1 * rng.nextGaussian());
                }
                double kidneyGy = 7.4 * gyPerGBq * Math.exp(0.15 * rng.nextGaussian());
                var d = new DosimetryRecord(
                        ClinicalKinds.key(pid, "prrt-1", "cycle-" + c),
                        pid,
                        ClinicalKinds.key(pid, "prrt-1"),
                        new CycleDosimetry(
                                c,
                                LocalDate.of(2025, 1, 6).plusWeeks(8L * c),
                                Activity.ofGBq(7.4),
                                AbsorbedDose.ofGy(kidneyGy),
                                Times.ofHours(Math.log(2) / kidneyRate),
                                Optional.empty(),
                                AbsorbedDose.ofGy(0.15 * Math.exp(0.3 * rng.nextGaussian()))),
                        List.of(),
                        "benchmark cohort");
                changes.add(new Change.Create<>(ClinicalKinds.DOSIMETRY, d));
                changes.add(new Change.Create<>(
                        ClinicalKinds.CYCLE_CURVES,
                        new CycleCurves(
                                d.id(),
                                pid,
                                List.of(
                                        new RegionCurves(
                                                "kidneys",
                                                "mono-exponential",
                                                "",
                                                RegionCurves.points(hours, kidney),
                                                List.of()),
                                        new RegionCurves(
                                                "lesion1",
                                                "mono-exponential",
                                                "",
                                                RegionCurves.points(hours, lesion),
                                                List.of())))));
            }
        }
        store.records().inOneTransaction(changes, "bench-loader");
    }
}

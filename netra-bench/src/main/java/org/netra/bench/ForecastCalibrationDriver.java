package org.netra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CourseForecaster;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.dosimetry.population.FittedClearance;
import org.netra.dosimetry.population.MeasuredClearance;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.sim.twin.ForecastCalibrationOnTwins;
import org.netra.sim.twin.ForecastCalibrationOnTwins.MeasuredCohort;
import org.netra.sim.twin.TwinCourse;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleCurves;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PopulationModelBook;
import org.netra.store.clinical.RegionCurves;
import org.netra.store.record.Change;

/**
 * The course forecast's calibration on held-out twins (issue 19), the full tables of docs/dosimetry.md. For each
 * measurement (netra's pipeline errors, clinical SPECT errors): the training twins' measured cycles are stored in a
 * fresh embedded H2 database (kidney scans as {@code cycle_curves}, doses as {@code cycle_dosimetry}) and the
 * department's model is refitted from the store by {@link PopulationModelBook#refit}, as {@code netra population fit}
 * does; the held-out twins are then forecast from their own measured cycles and compared with their true courses.
 * Usage: {@code java -cp … ForecastCalibrationDriver [trainingTwins] [heldOutTwins] [docs/dosimetry.md]}
 * (bench/run-forecast-calibration.sh); the table replaces the block between the markers in the docs file.
 */
public final class ForecastCalibrationDriver {
    private ForecastCalibrationDriver() {}

    static final String BEGIN = "<!-- forecast-held-out:begin (ForecastCalibrationDriver) -->";
    static final String END = "<!-- forecast-held-out:end -->";

    public static void main(String[] args) throws Exception {
        int trainingN = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int heldOutN = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path docs = Path.of(args.length > 2 ? args[2] : "docs/dosimetry.md");
        String[] loadFields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        String load = String.join(" ", loadFields[0], loadFields[1], loadFields[2]);
        long t0 = System.nanoTime();
        var training = ForecastCalibrationOnTwins.cohort(ForecastCalibrationOnTwins.FIRST_TRAINING_SEED, trainingN, 4);
        var heldOutTwins =
                ForecastCalibrationOnTwins.cohort(ForecastCalibrationOnTwins.FIRST_HELD_OUT_SEED, heldOutN, 8);
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Training twins %d–%d (4 cycles each), held-out twins %d–%d (8 cycles each), 7.4 GBq per cycle;"
                        + " the model refitted from an H2 store of the training cycles by `PopulationModelBook.refit`.%n%n",
                ForecastCalibrationOnTwins.FIRST_TRAINING_SEED,
                ForecastCalibrationOnTwins.FIRST_TRAINING_SEED + trainingN - 1,
                ForecastCalibrationOnTwins.FIRST_HELD_OUT_SEED,
                ForecastCalibrationOnTwins.FIRST_HELD_OUT_SEED + heldOutN - 1));
        StringBuilder coverage = new StringBuilder(
                "| measurement | forecast after | held-out twins | kidney BED covered | marrow covered |"
                        + " marrow covered, measured cycles taken as exact |\n|---|---|---|---|---|---|\n");
        StringBuilder fits = new StringBuilder();
        StringBuilder reliability = new StringBuilder();
        StringBuilder joint = new StringBuilder(
                "| measurement | limits | twins | P(kidney) stated / observed | P(marrow) stated / observed |"
                        + " P(either): joint draws | independent draws | observed (± 1 SE) |\n|---|---|---|---|---|---|---|---|\n");
        for (var how : List.of(TwinCourse.Measurement.PIPELINE, TwinCourse.Measurement.CLINICAL)) {
            String name = how == TwinCourse.Measurement.PIPELINE ? "pipeline" : "clinical";
            String label = String.format(
                    Locale.ROOT,
                    "%s (kidney %.0f %%, marrow %.0f %%)",
                    name,
                    100 * how.kidneyDoseError(),
                    100 * how.marrowDoseError());
            DepartmentPopulationModel model = refitFromStore(MeasuredCohort.of(training, 4, how, 1));
            fits.append(String.format(
                    Locale.ROOT,
                    "- %s: %s; %s; %s; %s%n",
                    label,
                    model.clearances().stream()
                            .filter(c -> c.region() == RegionKind.KIDNEY)
                            .findFirst()
                            .map(FittedClearance::describe)
                            .orElse("no kidney clearance"),
                    model.kidneyDose().describe(),
                    model.marrowDose().describe(),
                    model.kidneyMarrow().describe()));
            var heldOut = MeasuredCohort.of(heldOutTwins, 8, how, 2);
            var forecaster = new CourseForecaster(model, ContinuationConfig.DEFAULTS, 2000, how.doseUncertainty());
            var exact = new CourseForecaster(model, ContinuationConfig.DEFAULTS, 2000);
            for (int given = 1; given <= 3; given++) {
                var row = ForecastCalibrationOnTwins.coverage(forecaster, heldOut, given, 4, 0.05);
                var rowExact = ForecastCalibrationOnTwins.coverage(exact, heldOut, given, 4, 0.05);
                coverage.append(String.format(
                        Locale.ROOT,
                        "| %s | cycle %d of 4 | %d | %.1f %% | %.1f %% | %.1f %% |%n",
                        label,
                        given,
                        row.patients(),
                        100 * row.kidneyBedCovered(),
                        100 * row.marrowCovered(),
                        100 * rowExact.marrowCovered()));
            }
            reliability.append(String.format(
                    Locale.ROOT,
                    "%n%s:%n%n| stated P(BED > 27 Gy) | twins | mean stated | observed |%n|---|---|---|---|%n",
                    label));
            for (var b : ForecastCalibrationOnTwins.reliability(forecaster, heldOut, 1, 8, 27)) {
                reliability.append(b.markdown()).append('\n');
            }
            var limits = ContinuationConfig.DEFAULTS;
            for (double marrowLimit : new double[] {2.0, 1.5}) {
                var department = new ContinuationConfig(
                        limits.kidneyBedLimit(),
                        AbsorbedDose.ofGy(marrowLimit),
                        limits.kidney(),
                        limits.standardActivity(),
                        limits.minimumActivity(),
                        limits.maxCycles());
                var j = ForecastCalibrationOnTwins.beforeFirstCycle(
                        model, department, how.doseUncertainty(), heldOutTwins, 8, 20_000);
                joint.append(String.format(
                        Locale.ROOT,
                        "| %s | 27 Gy BED, marrow %.1f Gy | %d | %.3f / %.3f | %.3f / %.3f | %.3f | %.3f | %.3f ± %.3f |%n",
                        label,
                        marrowLimit,
                        j.patients(),
                        j.kidneyStated(),
                        j.kidneyObserved(),
                        j.marrowStated(),
                        j.marrowObserved(),
                        j.jointStated(),
                        j.independentStated(),
                        j.eitherObserved(),
                        j.standardError()));
            }
        }
        md.append("The fitted models:\n\n").append(fits).append('\n');
        md.append("**Coverage of the 90 % predictive interval of the cumulative dose after cycle 4** (forecast with the"
                        + " measured cycles' own error, `MeasuredDoseUncertainty`; last column: the same forecast taking"
                        + " them as exact):\n\n")
                .append(coverage);
        md.append("\n**Reliability of the stated P(cumulative kidney BED > 27 Gy after 8 cycles)**, forecast after"
                        + " cycle 1:\n")
                .append(reliability);
        md.append("\n**P(either limit crossed by the end of an 8-cycle plan), before cycle 1** (`beforeFirstCycle`,"
                        + " 20 000 draws), against the held-out twins' true courses:\n\n")
                .append(joint);
        double seconds = (System.nanoTime() - t0) / 1e9;
        md.append(String.format(
                Locale.ROOT,
                "%n(`ForecastCalibrationDriver %d %d`, %.0f s wall; load average before: %s.)%n",
                trainingN,
                heldOutN,
                seconds,
                load));
        System.out.print(md);
        if (Files.exists(docs)) {
            String text = Files.readString(docs);
            int a = text.indexOf(BEGIN);
            int b = text.indexOf(END);
            if (a >= 0 && b > a) {
                Files.writeString(docs, text.substring(0, a + BEGIN.length()) + "\n" + md + text.substring(b));
                System.err.println("wrote the table into " + docs);
            } else {
                System.err.println(docs + " has no " + BEGIN + " … " + END + " block; table printed only");
            }
        }
    }

    /** Stores the training twins' cycles in a fresh H2 database and refits the department's model from it. */
    static DepartmentPopulationModel refitFromStore(MeasuredCohort training) throws Exception {
        Path dir = Files.createTempDirectory("netra-forecast-calibration");
        try (Store store = Store.open(StoreConfig.embedded(dir))) {
            List<Change> changes = new ArrayList<>();
            training.dosimetry().forEach((twin, cycles) -> {
                String pid = "T-" + twin.spec().seed();
                List<MeasuredClearance> scans = training.scans().get(twin);
                for (int i = 0; i < cycles.size(); i++) {
                    CycleDosimetry c = cycles.get(i);
                    var d = new DosimetryRecord(
                            ClinicalKinds.key(pid, "prrt-1", "cycle-" + c.cycle()),
                            pid,
                            ClinicalKinds.key(pid, "prrt-1"),
                            c,
                            List.of(),
                            "training twin");
                    changes.add(new Change.Create<>(ClinicalKinds.DOSIMETRY, d));
                    MeasuredClearance s = scans.get(i);
                    changes.add(new Change.Create<>(
                            ClinicalKinds.CYCLE_CURVES,
                            new CycleCurves(
                                    d.id(),
                                    pid,
                                    List.of(new RegionCurves(
                                            "kidneys",
                                            "mono-exponential",
                                            "",
                                            RegionCurves.points(s.hoursAfterInjection(), s.activityMBq()),
                                            List.of())))));
                }
            });
            store.records().inOneTransaction(changes, "forecast-calibration");
            var book = new PopulationModelBook(store.records());
            return book.refit(0, "forecast-calibration").saved().value().model();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

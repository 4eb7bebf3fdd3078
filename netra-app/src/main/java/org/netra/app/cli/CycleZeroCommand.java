package org.netra.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netra.app.cyclezero.VirtualCycleZero;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleZeroBook;
import org.netra.store.clinical.CycleZeroRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra cycle-zero}: virtual cycle 0 — the 177Lu Gy/GBq predicted from the pre-therapy 68Ga PET with its
 * interval and a proposed first activity ({@code predict}), the prediction against the measured cycle 1
 * ({@code compare}) and the department's recalibration from all its patients ({@code recalibrate}).
 */
@Command(
        name = "cycle-zero",
        mixinStandardHelpOptions = true,
        description = "Virtual cycle 0: predict 177Lu Gy/GBq from the 68Ga-DOTATATE/TOC PET before therapy, compare"
                + " with the measured cycle 1, recalibrate the department's predictor.",
        subcommands = {
            CycleZeroCommand.Predict.class,
            CycleZeroCommand.Compare.class,
            CycleZeroCommand.Recalibrate.class
        })
final class CycleZeroCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = "Predicted kidney, spleen and tumour Gy/GBq (median, 90 %% interval) from PET SUVmeans and"
                    + " the first activity the kidneys allow; --save records it for the course (audited).")
    static final class Predict implements Runnable {
        @Option(names = "--patient", required = true, paramLabel = "ID", description = "patient id")
        String patient;

        @Option(names = "--course", required = true, paramLabel = "ID", description = "PRRT course id (P-1/prrt-1)")
        String course;

        @Option(names = "--pet-date", required = true, paramLabel = "DATE", description = "day of the 68Ga PET")
        String petDate;

        @Option(names = "--kidney-suv", required = true, paramLabel = "SUV", description = "kidneys' SUVmean (bw)")
        double kidneySuv;

        @Option(names = "--spleen-suv", paramLabel = "SUV", description = "spleen SUVmean (bw)")
        Double spleenSuv;

        @Option(
                names = "--tumour-suv",
                paramLabel = "LESION=SUV",
                description = "a lesion's SUVmean (bw), repeatable: --tumour-suv L1=24.5")
        Map<String, Double> tumourSuvs = new LinkedHashMap<>();

        @Option(names = "--cycles", paramLabel = "N", description = "planned cycles (default 4)")
        int cycles = 4;

        @Option(names = "--save", description = "store the prediction for the course")
        boolean save;

        @Option(names = "--actor", paramLabel = "NAME", description = "who records it (required with --save)")
        String actor;

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            requireActor(save, actor);
            LocalDate day;
            try {
                day = LocalDate.parse(petDate);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--pet-date '" + petDate + "' is not an ISO date (YYYY-MM-DD)");
            }
            try (var store = Store.open(db.config())) {
                var zero = new VirtualCycleZero(store.records())
                        .predict(patient, course, day, kidneySuv, Optional.ofNullable(spleenSuv), tumourSuvs, cycles);
                if (save) {
                    var existing = store.records().find(ClinicalKinds.CYCLE_ZERO, zero.id());
                    if (existing.isPresent()) {
                        store.records()
                                .update(ClinicalKinds.CYCLE_ZERO, existing.get().version(), zero, actor);
                    } else {
                        store.records().create(ClinicalKinds.CYCLE_ZERO, zero, actor);
                    }
                }
                print(spec.commandLine().getOut(), zero, save);
            }
        }
    }

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = "The course's stored virtual cycle 0 against its measured cycle-1 dosimetry.")
    static final class Compare implements Runnable {
        @Option(names = "--course", required = true, paramLabel = "ID", description = "PRRT course id")
        String course;

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            try (var store = Store.open(db.config())) {
                var zero = store.records()
                        .find(ClinicalKinds.CYCLE_ZERO, CycleZeroRecord.idOf(course))
                        .orElseThrow(() -> new IllegalArgumentException("course " + course
                                + " has no virtual cycle 0; record one with cycle-zero predict --save"))
                        .value();
                PrintWriter out = spec.commandLine().getOut();
                var rows = new VirtualCycleZero(store.records()).compare(zero);
                if (rows.isEmpty()) {
                    out.println(course + ": no cycle-1 dosimetry stored yet, nothing to compare");
                }
                for (var c : rows) {
                    out.println(String.format(
                            Locale.ROOT,
                            "%-10s predicted %.2f Gy/GBq (90 %% %.2f–%.2f), measured %.2f: %+.0f %%, %s",
                            c.predicted().name(),
                            c.predicted().medianGyPerGBq(),
                            c.predicted().lower90GyPerGBq(),
                            c.predicted().upper90GyPerGBq(),
                            c.measuredGyPerGBq(),
                            c.relativeError() * 100,
                            c.insideInterval() ? "inside the interval" : "OUTSIDE the interval"));
                }
                out.flush();
            }
        }
    }

    @Command(
            name = "recalibrate",
            mixinStandardHelpOptions = true,
            description = "Refit the department's kidney and tumour predictors from every course with a virtual"
                    + " cycle 0 and a measured cycle 1; saves the next version (audited).")
    static final class Recalibrate implements Runnable {
        @Option(names = "--actor", required = true, paramLabel = "NAME", description = "who recalibrates")
        String actor;

        @ArgGroup(exclusive = false, heading = "Database%n")
        DatabaseOptions db = new DatabaseOptions();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            try (var store = Store.open(db.config())) {
                int version = new CycleZeroBook(store.records()).current().version();
                var saved = new VirtualCycleZero(store.records()).recalibrate(version, actor);
                PrintWriter out = spec.commandLine().getOut();
                out.println("cycle-0 predictors version " + saved.version() + " (was " + version + ")");
                saved.value().fits().forEach(f -> out.println("  " + f.describe()));
                out.flush();
            }
        }
    }

    private static void requireActor(boolean save, String actor) {
        if (save && (actor == null || actor.isBlank())) {
            throw new IllegalArgumentException("--save needs --actor NAME: every stored prediction names who made it");
        }
    }

    static void print(PrintWriter out, CycleZeroRecord zero, boolean saved) {
        out.println(zero.patientId() + " " + zero.courseId() + ", virtual cycle 0 from the 68Ga PET of "
                + zero.petDate() + " (predictor version " + zero.predictorVersion()
                + (zero.predictorVersion() == 0 ? ", published defaults" : ", the department's recalibration") + ")"
                + (saved ? " (saved as " + zero.id() + ")" : ""));
        for (var p : zero.regions()) {
            out.println(String.format(
                    Locale.ROOT,
                    "  %-10s SUVmean %5.1f → %.2f Gy/GBq (90 %% interval %.2f–%.2f)",
                    p.name(),
                    p.petSuvMean(),
                    p.medianGyPerGBq(),
                    p.lower90GyPerGBq(),
                    p.upper90GyPerGBq()));
        }
        out.println(String.format(Locale.ROOT, "  proposed first activity: %.1f GBq", zero.proposedGBq()));
        out.println("  why: " + zero.proposalReason());
        out.println("  a prediction from PET, not a dose: the cycle-1 dosimetry replaces it");
        out.flush();
    }
}

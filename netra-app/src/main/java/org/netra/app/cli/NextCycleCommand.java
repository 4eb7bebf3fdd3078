package org.netra.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.DoseModificationRules;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseForecasts;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.NextCycle;
import org.netra.store.clinical.PatientChart;
import org.netra.store.clinical.PopulationModelBook;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra next-cycle --patient ID --course ID}: the decision on a course's next cycle from the stored
 * dosimetry and labs; {@code --save} records it (audit-trailed).
 */
@Command(
        name = "next-cycle",
        mixinStandardHelpOptions = true,
        description = "Continue, adjust or stop the next PRRT cycle, from the stored dosimetry (kidney BED, marrow)"
                + " and labs (CTCAE, renal function); --save records the decision.")
final class NextCycleCommand implements Runnable {
    @Option(names = "--patient", required = true, paramLabel = "ID", description = "patient id")
    String patient;

    @Option(names = "--course", required = true, paramLabel = "ID", description = "PRRT course id (e.g. P-1/prrt-1)")
    String course;

    @Option(names = "--as-of", paramLabel = "DATE", description = "the day of the decision (default today)")
    String asOf;

    @Option(names = "--kidney-bed-limit", paramLabel = "GY", description = "cumulative kidney BED limit (27 Gy)")
    Double kidneyBedLimit;

    @Option(names = "--save", description = "store the decision")
    boolean save;

    @Option(names = "--actor", paramLabel = "NAME", description = "who decides (required with --save)")
    String actor;

    @ArgGroup(exclusive = false, heading = "Database%n")
    DatabaseOptions db = new DatabaseOptions();

    @Option(names = "--json", description = "print JSON (the decision record as stored)")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (save && (actor == null || actor.isBlank())) {
            throw new IllegalArgumentException("--save needs --actor NAME: every stored decision names who made it");
        }
        LocalDate day;
        try {
            day = asOf == null ? LocalDate.now() : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of '" + asOf + "' is not an ISO date (YYYY-MM-DD)");
        }
        ContinuationConfig config = kidneyBedLimit == null
                ? ContinuationConfig.DEFAULTS
                : ContinuationConfig.DEFAULTS.withKidneyBedLimit(AbsorbedDose.ofGy(kidneyBedLimit));
        try (var store = Store.open(db.config())) {
            var chart = PatientChart.load(store.records(), patient);
            DecisionRecord d =
                    new NextCycle(config, DoseModificationRules.LABEL, Ctcae.withDefaults()).decide(chart, course, day);
            if (save) {
                var existing = store.records().find(ClinicalKinds.DECISION, d.id());
                if (existing.isPresent()) {
                    store.records()
                            .update(ClinicalKinds.DECISION, existing.get().version(), d, actor);
                } else {
                    store.records().create(ClinicalKinds.DECISION, d, actor);
                }
            }
            print(store, d);
        }
    }

    private void print(Store store, DecisionRecord d) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(store.documents()
                        .mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(d));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the decision as JSON", e);
            }
        } else {
            String what =
                    switch (d.decision()) {
                        case CycleDecision.Continue c ->
                            String.format(
                                    Locale.ROOT,
                                    "CONTINUE with %.2f GBq",
                                    c.activity().inGBq());
                        case CycleDecision.Adjust a ->
                            String.format(
                                    Locale.ROOT,
                                    "ADJUST to %.2f GBq%s",
                                    a.activity().inGBq(),
                                    a.waitForRecovery() ? " once the toxicity has resolved" : "");
                        case CycleDecision.Stop s -> "STOP";
                    };
            out.println(d.patientId() + " " + d.courseId() + ", cycle "
                    + d.decision().cycle() + " on " + d.decidedOn() + ": " + what
                    + (save ? " (saved as " + d.id() + ")" : ""));
            d.decision().reasons().forEach(r -> out.println("  - " + r));
            forecast(store, d, out);
        }
        out.flush();
    }

    /** The course forecast beside the decision: the spread of what the plan's remaining cycles would give. */
    private void forecast(Store store, DecisionRecord d, PrintWriter out) {
        var chart = PatientChart.load(store.records(), d.patientId());
        var settings = new PopulationModelBook(store.records()).current().value();
        CourseForecasts.of(chart, d.courseId(), d.decision().cycle() - 1, settings, ContinuationConfig.DEFAULTS)
                .ifPresent(f -> {
                    out.println(String.format(
                            Locale.ROOT,
                            "Forecast (population model, %d draws): largest next activity with P(crossing a limit)"
                                    + " ≤ %.0f %%: %.2f GBq (%s)",
                            f.draws(),
                            100 * f.riskLevel(),
                            f.largestNextActivity().inGBq(),
                            f.nextActivityLimitedBy()));
                    for (var b : f.kidneyBed()) {
                        if (!b.measured()) {
                            out.println(String.format(
                                    Locale.ROOT,
                                    "  after cycle %d (%.2f GBq): kidney BED %.1f Gy (90 %%: %.1f–%.1f)",
                                    b.cycle(),
                                    b.activity().inGBq(),
                                    b.p50().inGy(),
                                    b.p05().inGy(),
                                    b.p95().inGy()));
                        }
                    }
                    if (f.kidneyBed().size() > 1) {
                        out.println(String.format(
                                Locale.ROOT,
                                "  P(kidney BED > %.0f Gy by the plan's end) %.1f %%; P(marrow > %.1f Gy) %.1f %%",
                                f.kidneyBedLimit().inGy(),
                                100 * f.kidneyOverLimitByPlanEnd(),
                                f.marrowLimit().inGy(),
                                100 * f.marrowOverLimitByPlanEnd()));
                    }
                });
    }
}

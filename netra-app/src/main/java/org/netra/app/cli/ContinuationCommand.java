package org.netra.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netra continuation --cycles FILE.json}: dosimetry-guided continuation after the cycles given. */
@Command(
        name = "continuation",
        mixinStandardHelpOptions = true,
        description = "After the cycles given: cumulative kidney BED against its limit and marrow dose against"
                + " its limit, the activity of the next cycle that keeps them under, and how many cycles remain.")
final class ContinuationCommand implements Runnable {
    static final String FORMAT = "docs/continuation-input.md";

    @Option(names = "--cycles", required = true, paramLabel = "FILE", description = "the cycles given (JSON)")
    Path file;

    @Option(names = "--kidney-bed-limit", paramLabel = "GY", description = "cumulative kidney BED limit (27 Gy)")
    Double kidneyBedLimit;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The input: one entry per given cycle, in the units named. */
    record Input(List<Cycle> cycles) {}

    record Cycle(
            Integer cycle,
            LocalDate date,
            Double activityGBq,
            Double kidneyGy,
            Double kidneyTeffHours,
            Double kidneyBedGy,
            Double marrowGy) {}

    record Budget(
            int cyclesGiven,
            double kidneyBedGy,
            double kidneyBedLimitGy,
            double marrowGy,
            double marrowLimitGy,
            double kidneyGyPerGBq,
            double marrowGyPerGBq) {}

    record Report(
            String advice,
            Budget budget,
            Double nextActivityGBq,
            String limitedBy,
            Double projectedKidneyBedGy,
            Double projectedMarrowGy,
            Integer furtherCycles,
            Double lastCycleActivityGBq,
            List<String> reasons) {}

    @Override
    public void run() {
        Input input = Json.read(file, Input.class, FORMAT);
        if (input.cycles() == null || input.cycles().isEmpty()) {
            throw new IllegalArgumentException(file + " lists no cycles (format: " + FORMAT + ")");
        }
        List<CycleDosimetry> given = new ArrayList<>();
        for (int i = 0; i < input.cycles().size(); i++) {
            Cycle c = input.cycles().get(i);
            String at = file + " cycles[" + i + "]";
            if (c == null) {
                throw new IllegalArgumentException(at + " is null, not a cycle (format: " + FORMAT + ")");
            }
            int cycle = required(c.cycle(), at, "cycle");
            var date = required(c.date(), at, "date");
            double gbq = required(c.activityGBq(), at, "activityGBq");
            double kidneyGy = required(c.kidneyGy(), at, "kidneyGy");
            Duration teff = hours(required(c.kidneyTeffHours(), at, "kidneyTeffHours"), at);
            double marrowGy = required(c.marrowGy(), at, "marrowGy");
            try {
                given.add(new CycleDosimetry(
                        cycle,
                        date,
                        Json.field("activityGBq", () -> Activity.ofGBq(gbq)),
                        Json.field("kidneyGy", () -> AbsorbedDose.ofGy(kidneyGy)),
                        teff,
                        Optional.ofNullable(c.kidneyBedGy())
                                .map(b -> Json.field("kidneyBedGy", () -> AbsorbedDose.ofGy(b))),
                        Json.field("marrowGy", () -> AbsorbedDose.ofGy(marrowGy))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage() + " (format: " + FORMAT + ")", e);
            }
        }
        ContinuationConfig config = kidneyBedLimit == null
                ? ContinuationConfig.DEFAULTS
                : ContinuationConfig.DEFAULTS.withKidneyBedLimit(AbsorbedDose.ofGy(kidneyBedLimit));
        ContinuationAdvice advice = new Continuation(config).advise(given);
        var b = advice.budget();
        Budget budget = new Budget(
                b.cyclesGiven(),
                b.cumulativeKidneyBed().inGy(),
                b.kidneyBedLimit().inGy(),
                b.cumulativeMarrowDose().inGy(),
                b.marrowLimit().inGy(),
                b.kidneyGyPerGBq(),
                b.marrowGyPerGBq());
        Report report =
                switch (advice) {
                    case ContinuationAdvice.Stop s ->
                        new Report("STOP", budget, null, null, null, null, 0, null, s.reasons());
                    case ContinuationAdvice.Continue c ->
                        new Report(
                                c.limitedBy() == ContinuationAdvice.Limit.NONE ? "CONTINUE" : "ADJUST",
                                budget,
                                c.nextActivity().inGBq(),
                                c.limitedBy().name(),
                                c.projectedKidneyBed().inGy(),
                                c.projectedMarrowDose().inGy(),
                                c.furtherCycles(),
                                c.lastCycleActivity().inGBq(),
                                List.of());
                };
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(
                    Locale.ROOT,
                    "after %d cycle(s): kidney BED %.2f of %.1f Gy, marrow %.2f of %.1f Gy (last cycle %.3f and"
                            + " %.4f Gy/GBq)%n",
                    budget.cyclesGiven(),
                    budget.kidneyBedGy(),
                    budget.kidneyBedLimitGy(),
                    budget.marrowGy(),
                    budget.marrowLimitGy(),
                    budget.kidneyGyPerGBq(),
                    budget.marrowGyPerGBq());
            if (report.nextActivityGBq() == null) {
                out.println("STOP: " + String.join("; ", report.reasons()));
            } else {
                out.printf(
                        Locale.ROOT,
                        "%s: next cycle %.2f GBq%s → kidney BED %.2f Gy, marrow %.2f Gy; %d further cycle(s),"
                                + " the last %.2f GBq%n",
                        report.advice(),
                        report.nextActivityGBq(),
                        report.limitedBy().equals("NONE")
                                ? ""
                                : " (limited by " + report.limitedBy().toLowerCase(Locale.ROOT) + ")",
                        report.projectedKidneyBedGy(),
                        report.projectedMarrowGy(),
                        report.furtherCycles(),
                        report.lastCycleActivityGBq());
            }
        }
        out.flush();
    }

    private static <T> T required(T value, String at, String field) {
        if (value == null) {
            throw new IllegalArgumentException(at + ": '" + field + "' is missing (format: " + FORMAT + ")");
        }
        return value;
    }

    private static Duration hours(double h, String at) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException(at + ": kidneyTeffHours must be a positive number of hours, got " + h);
        }
        return Times.ofHours(h);
    }
}

package org.netra.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.netra.sim.cohort.CohortSummary;
import org.netra.sim.cohort.CohortWriter;
import org.netra.sim.cohort.PublishedResponse;
import org.netra.sim.cohort.SyntheticCohort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netra simulate-cohort --out DIR}: a synthetic cohort through the whole PRRT pathway. */
@Command(
        name = "simulate-cohort",
        mixinStandardHelpOptions = true,
        description = "Simulate a cohort of NET patients through diagnosis, eligibility, PRRT and follow-up,"
                + " reproducing Kwekkeboom 2008's response split and median time to progression.")
final class SimulateCohortCommand implements Runnable {
    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "folder for cohort.json, summary.json, ttp.csv")
    Path out;

    @Option(names = "--patients", defaultValue = "100", description = "patients referred (default 100)")
    int patients;

    @Option(names = "--seed", defaultValue = "1", description = "the cohort's seed (default 1)")
    long seed;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var cohort = SyntheticCohort.generate(seed, patients);
        CohortSummary s;
        try {
            s = CohortWriter.write(cohort, out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the cohort into " + out + ": " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(CohortWriter.toJson(s));
            return;
        }
        w.printf(
                Locale.ROOT,
                "%d patients referred: %d eligible, %d team decisions, %d not eligible; %d treated (%d evaluable)%n",
                s.patients(),
                s.eligible(),
                s.teamDecision(),
                s.notEligible(),
                s.treated(),
                s.evaluable());
        w.println("cycles given: " + s.cycles());
        w.println("best response   cohort   Kwekkeboom 2008");
        for (PublishedResponse r : PublishedResponse.values()) {
            int n = s.bestResponse().get(r);
            w.printf(
                    Locale.ROOT,
                    "  %-4s %5d %6.1f %%   %5.0f %%%n",
                    r,
                    n,
                    s.evaluable() == 0 ? 0 : 100.0 * n / s.evaluable(),
                    100 * r.published());
        }
        var ttp = s.timeToProgressionMonths();
        w.printf(
                Locale.ROOT,
                "median time to progression %s months (95 %% CI %s–%s; published 40), %d events in %d%n",
                fmt(ttp.median()),
                fmt(ttp.lower()),
                fmt(ttp.upper()),
                ttp.events(),
                ttp.subjects());
        w.printf(
                Locale.ROOT,
                "median overall survival %s months%n",
                fmt(s.overallSurvivalMonths().median()));
        w.println("written to " + out.toAbsolutePath() + " (cohort.json, summary.json, ttp.csv)");
    }

    private static String fmt(java.util.Optional<Double> v) {
        return v.map(x -> String.format(Locale.ROOT, "%.1f", x)).orElse("not reached");
    }
}

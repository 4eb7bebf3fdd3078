package org.netra.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.eligibility.Criterion;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.eligibility.EligibilityConfig;
import org.netra.clinical.eligibility.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netra eligibility --patient FILE.json}: the explained PRRT eligibility verdict. */
@Command(
        name = "eligibility",
        mixinStandardHelpOptions = true,
        description = "PRRT eligibility of a patient described in a JSON file (docs/eligibility-input.md).")
final class EligibilityCommand implements Runnable {
    @Option(names = "--patient", required = true, paramLabel = "FILE.json", description = "the patient file")
    Path patient;

    @Option(names = "--lab-max-age-days", description = "labs older than this are stale (14–28, default 28)")
    int labMaxAgeDays = 28;

    @Option(names = "--min-krenning", description = "lowest Krenning score accepted (default 3; the SmPC allows 2)")
    Integer minKrenning;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record CriterionOut(
            String name,
            String status,
            String value,
            String threshold,
            String source,
            String measured,
            boolean stale,
            String explanation) {}

    record Report(
            String patientId, String assessedOn, String verdict, List<String> open, List<CriterionOut> criteria) {}

    @Override
    public void run() {
        EligibilityInput input = read(patient);
        Candidate candidate;
        try {
            candidate = input.toCandidate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(patient + ": " + e.getMessage(), e);
        }
        var config = EligibilityConfig.DEFAULTS.withLabMaxAge(Period.ofDays(labMaxAgeDays));
        if (minKrenning != null) {
            config = config.withMinKrenning(minKrenning, "command line --min-krenning");
        }
        Verdict v = new Eligibility(config).assess(candidate, input.date());
        String verdict =
                switch (v) {
                    case Verdict.Eligible e -> "ELIGIBLE";
                    case Verdict.NotEligible n -> "NOT_ELIGIBLE";
                    case Verdict.NeedsTeamDecision t -> "NEEDS_TEAM_DECISION";
                };
        List<Criterion> open =
                switch (v) {
                    case Verdict.Eligible e -> List.of();
                    case Verdict.NotEligible n -> n.failed();
                    case Verdict.NeedsTeamDecision t -> t.open();
                };
        var report = new Report(
                candidate.patient().id(),
                v.assessedOn().toString(),
                verdict,
                open.stream().map(Criterion::name).toList(),
                v.criteria().stream()
                        .map(c -> new CriterionOut(
                                c.name(),
                                c.status().name(),
                                c.value(),
                                c.threshold(),
                                c.source(),
                                c.measured().map(Object::toString).orElse(null),
                                c.stale(),
                                c.explanation()))
                        .toList());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(
                    Locale.ROOT, "%s on %s: %s%n", report.patientId(), report.assessedOn(), verdict.replace('_', ' '));
            for (CriterionOut c : report.criteria()) {
                out.printf(
                        Locale.ROOT,
                        "  %-14s %-42s %s (threshold %s%s)%s%n",
                        c.status(),
                        c.name(),
                        c.value(),
                        c.threshold(),
                        c.measured() == null ? "" : ", measured " + c.measured(),
                        c.explanation().isEmpty() ? "" : " — " + c.explanation());
            }
        }
        out.flush();
    }

    static EligibilityInput read(Path file) {
        return Json.read(file, EligibilityInput.class, "docs/eligibility-input.md");
    }
}

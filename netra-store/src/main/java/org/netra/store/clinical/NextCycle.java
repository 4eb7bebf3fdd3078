package org.netra.store.clinical;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.DoseModification;
import org.netra.clinical.therapy.DoseModificationRules;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.ToxicityStatus;
import org.netra.store.record.Stored;

/**
 * The decision on a course's next cycle from what is stored: the dosimetry of the cycles given (cumulative
 * kidney BED and marrow dose), the labs since the last cycle against the baseline before the first (CTCAE,
 * renal function), how late the cycle already is against the plan, and whether toxicity reduced a cycle
 * before. The one implementation of that decision: {@code netra next-cycle} and the web's planning page both
 * use it.
 */
public record NextCycle(ContinuationConfig continuation, DoseModificationRules doseModification, Ctcae ctcae) {
    public static final NextCycle DEFAULTS =
            new NextCycle(ContinuationConfig.DEFAULTS, DoseModificationRules.LABEL, Ctcae.withDefaults());

    public DecisionRecord decide(PatientChart chart, String courseId, LocalDate asOf) {
        String patientId = chart.patient().value().id();
        CourseRecord course = chart.courses().stream()
                .map(Stored::value)
                .filter(c -> c.id().equals(courseId))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("patient " + patientId + " has no PRRT course " + courseId));
        List<CycleDosimetry> given = chart.cycleDosimetry(courseId);
        if (given.isEmpty()) {
            throw new IllegalArgumentException("course " + courseId + " has no stored dosimetry; enter the dosimetry of"
                    + " the cycles given before deciding on the next");
        }
        CycleDosimetry last = given.stream()
                .max(Comparator.comparingInt(CycleDosimetry::cycle))
                .orElseThrow();
        // CTCAE's baseline is the value before treatment: the labs are graded against the latest on or before
        // the first cycle (the first on record if none), not against those before the last cycle (DOMAIN.md §2)
        LocalDate treatmentStart = given.stream()
                .map(CycleDosimetry::date)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        if (asOf.isBefore(last.date())) {
            throw new IllegalArgumentException(
                    "the decision date " + asOf + " is before the last cycle given (" + last.date() + ")");
        }
        int next = cycleAfter(given);
        Period delay = course.plan().cycles().stream()
                .filter(c -> c.number() == next)
                .map(PlannedCycle::administration)
                // in days: the rules count weeks, and the months of a Period are not whole weeks
                .map(planned -> Period.ofDays((int) Math.max(0, ChronoUnit.DAYS.between(planned.toLocalDate(), asOf))))
                .findFirst()
                .orElse(Period.ZERO);
        boolean reducedBefore = chart.decisions().stream()
                .map(Stored::value)
                .filter(d -> d.courseId().equals(courseId))
                .anyMatch(d -> switch (d.toxicity()) {
                    case DoseDecision.Withhold w -> true;
                    case DoseDecision.Proceed p -> p.activity().compareTo(continuation.standardActivity()) < 0;
                    case DoseDecision.Discontinue x -> true;
                });
        var status = ToxicityStatus.fromLabs(
                chart.patient().value().patient(),
                chart.labHistory(),
                ctcae,
                treatmentStart,
                last.date(),
                asOf,
                delay,
                reducedBefore);
        DoseDecision toxicity = new DoseModification(doseModification).decide(status, continuation.standardActivity());
        var advice = new Continuation(continuation).advise(given);
        return new DecisionRecord(
                courseId + "/decision-" + next,
                patientId,
                courseId,
                asOf,
                advice,
                toxicity,
                CycleDecision.decide(next, advice, toxicity, continuation));
    }

    /** The number of the cycle after those given (1 when none is). */
    public static int cycleAfter(List<CycleDosimetry> given) {
        return given.stream().mapToInt(CycleDosimetry::cycle).max().orElse(0) + 1;
    }
}

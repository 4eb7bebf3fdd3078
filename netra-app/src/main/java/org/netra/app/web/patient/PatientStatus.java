package org.netra.app.web.patient;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.EligibilityAssessment;
import org.netra.store.clinical.OutcomeRecord;

/**
 * Where a patient is in the pathway: screening (no course yet), on treatment (a course with cycles to
 * come), follow-up (every cycle given, the course stopped, or an outcome recorded); and what is next.
 */
public record PatientStatus(Stage stage, String detail) {
    public enum Stage {
        SCREENING("screening"),
        ON_TREATMENT("on treatment"),
        FOLLOW_UP("follow-up");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public PatientSummary summary(String id, String name) {
        return new PatientSummary(id, name, stage.label(), detail);
    }

    static PatientStatus of(
            String patientId,
            List<CourseRecord> courses,
            List<DosimetryRecord> doses,
            List<DecisionRecord> decisions,
            List<OutcomeRecord> outcomes,
            List<EligibilityAssessment> eligibility,
            LocalDate today) {
        if (courses.isEmpty()) {
            String verdict = eligibility.stream()
                    .map(EligibilityAssessment::verdict)
                    .max(Comparator.comparing(Verdict::assessedOn))
                    .map(PatientStatus::verdict)
                    .orElse("eligibility not assessed yet");
            return new PatientStatus(Stage.SCREENING, verdict);
        }
        CourseRecord course = courses.getLast();
        int planned = course.plan().cycles().size();
        int given = (int)
                doses.stream().filter(d -> d.courseId().equals(course.id())).count();
        boolean stopped = decisions.stream()
                .filter(d -> d.courseId().equals(course.id()))
                .anyMatch(d -> d.decision() instanceof CycleDecision.Stop);
        if (!outcomes.isEmpty() || stopped || given >= planned) {
            String detail = outcomes.isEmpty()
                    ? given + " cycle" + (given == 1 ? "" : "s") + " given" + (stopped ? ", course stopped" : "")
                    : "last seen " + outcomes.getLast().lastFollowUp();
            return new PatientStatus(Stage.FOLLOW_UP, detail);
        }
        PlannedCycle next = course.plan().cycles().get(Math.min(given, planned - 1));
        return new PatientStatus(
                Stage.ON_TREATMENT,
                String.format(
                        Locale.ROOT,
                        "cycle %d of %d on %s",
                        next.number(),
                        planned,
                        next.administration().toLocalDate()));
    }

    static String verdict(Verdict v) {
        return switch (v) {
            case Verdict.Eligible e -> "eligible (" + e.assessedOn() + ")";
            case Verdict.NotEligible n -> "not eligible (" + n.assessedOn() + ")";
            case Verdict.NeedsTeamDecision t -> "for the tumour board (" + t.assessedOn() + ")";
        };
    }
}

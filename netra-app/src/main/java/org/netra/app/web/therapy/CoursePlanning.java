package org.netra.app.web.therapy;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.netra.app.web.input.FieldErrors;
import org.netra.app.web.input.Refused;
import org.netra.clinical.eligibility.Criterion;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.store.Store;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.EligibilityAssessment;
import org.netra.store.clinical.PatientChart;
import org.netra.store.record.Stored;

/**
 * A physician plans a registered patient's PRRT course: the label schedule of 177Lu-DOTATATE (4 × 7.4 GBq,
 * 8 weeks apart) from the first cycle's date and time. Refused (409) while the patient has a course already,
 * has not been assessed for eligibility, or was last assessed not eligible (naming the failed criteria); a
 * first cycle in the past, or not a date and time, is refused at its field. Each cycle is then approved on its
 * page ({@code approval.CycleApproval}).
 */
public final class CoursePlanning {
    private final Store store;
    private final Clock clock;

    public CoursePlanning(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public synchronized Stored<CourseRecord> plan(String pid, String firstCycle, String actor) {
        var records = store.records();
        if (records.find(ClinicalKinds.PATIENT, pid).isEmpty()) {
            throw Refused.notFound("no patient " + pid + "; register the patient first");
        }
        LocalDateTime first = null;
        var errors = new FieldErrors();
        String raw = firstCycle == null ? "" : firstCycle.strip();
        if (raw.isEmpty()) {
            errors.add("firstCycle", "give the first cycle's date and time (e.g. 2025-03-03T09:30)");
        } else {
            try {
                first = LocalDateTime.parse(raw).truncatedTo(ChronoUnit.MINUTES);
                // the department's day, not the minute: a cycle planned for this morning may be entered at noon
                errors.check(
                        !first.toLocalDate().isBefore(LocalDateTime.now(clock).toLocalDate()),
                        "firstCycle",
                        "the first cycle is in the past; plan it for today or later");
            } catch (DateTimeParseException e) {
                errors.add("firstCycle", "not a date and time (YYYY-MM-DDTHH:MM): '" + raw + "'");
            }
        }
        errors.throwIfAny();
        PatientChart chart = PatientChart.load(records, pid);
        if (!chart.courses().isEmpty()) {
            throw Refused.conflict("patient " + pid + " has a PRRT course already ("
                    + chart.courses().getLast().value().id() + "); plan its next cycle from the chart instead");
        }
        // the latest verdict, as the chart shows it: by the day assessed, then by when it was saved
        var latest = chart.eligibility().stream()
                .max(Comparator.comparing((Stored<EligibilityAssessment> e) ->
                                e.value().verdict().assessedOn())
                        .thenComparing(Stored::updatedAt))
                .orElseThrow(() -> Refused.conflict(
                        "patient " + pid + " has not been assessed for eligibility; assess it on the chart first"));
        if (latest.value().verdict() instanceof Verdict.NotEligible no) {
            throw Refused.conflict("patient " + pid + " was last assessed not eligible ("
                    + no.failed().stream().map(Criterion::name).collect(Collectors.joining(", "))
                    + "); a course is planned for an eligible patient");
        }
        var course = new CourseRecord(
                ClinicalKinds.key(pid, "prrt-1"),
                pid,
                PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, first, PlanRules.DEFAULTS));
        return records.create(ClinicalKinds.COURSE, course, actor);
    }
}

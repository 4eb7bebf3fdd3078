package org.netra.app.web.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.netra.store.Store;
import org.netra.store.audit.AuditTrail;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DecisionRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.EligibilityAssessment;
import org.netra.store.clinical.OutcomeRecord;
import org.netra.store.record.Stored;

/**
 * The patient list over the store's clinical records: where each patient is in the pathway and what
 * comes next, read with one query per kind (not per patient) so the list stays fast for a department.
 */
public final class ClinicalDirectory implements PatientDirectory {
    private final Store store;
    private final Clock clock;

    public ClinicalDirectory(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Patients whose name, netra id, MRN (or other identifier) or birth date (YYYY-MM-DD) contains the query. */
    @Override
    public List<PatientSummary> search(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        var now = current();
        return now.list().stream()
                .filter(p ->
                        q.isEmpty() || now.searchKeys().getOrDefault(p.id(), "").contains(q))
                .toList();
    }

    /**
     * Audit entries before the last one the list reflects that are still checked for: a transaction numbered
     * earlier than another can commit after it, and then shows up below the last number.
     */
    private static final long LATE_COMMITS = 1000;

    /**
     * The list as of an audit mark and a day (statuses such as "follow-up due" move with the date); {@code
     * searchKeys} per patient id: the text a search looks in (name, id, identifiers, birth date), lower case.
     */
    private record Snapshot(
            AuditTrail.Mark mark, LocalDate day, List<PatientSummary> list, Map<String, String> searchKeys) {}

    private volatile Snapshot snapshot;

    /**
     * Every patient's summary, recomputed only when the audit trail shows a change since the last time
     * (every change to a record is in it), so reading the list costs one small query. The check runs outside
     * the lock: under load a lock held across a database round trip made every list read wait for the others;
     * inside it only the recompute runs.
     */
    private Snapshot current() {
        var seen = snapshot;
        LocalDate today = LocalDate.now(clock);
        if (fresh(seen, today)) {
            return seen;
        }
        synchronized (this) {
            var now = snapshot;
            if (now != seen && now.day().equals(today)) {
                // another request recomputed it while this one ran: a list made during this request is what a read
                // concurrent with the change may show (the next read checks the mark again), and the many first
                // reads that arrive together wait for one recompute, not for one database round trip each in turn
                return now;
            }
            // the mark is read before the records: a change in between makes the next read recompute again
            var upTo = store.audit().mark(-1);
            var mark = store.audit().mark(Math.max(-1, upTo.last() - LATE_COMMITS));
            snapshot = compute(mark, today);
            return snapshot;
        }
    }

    private boolean fresh(Snapshot seen, LocalDate today) {
        return seen != null
                && seen.day().equals(today)
                && store.audit().mark(seen.mark().floor()).equals(seen.mark());
    }

    private Snapshot compute(AuditTrail.Mark mark, LocalDate today) {
        var records = store.records();
        var patients = records.list(ClinicalKinds.PATIENT).stream()
                .map(Stored::value)
                .sorted(Comparator.comparing(p -> p.id()))
                .toList();
        Map<String, String> searchKeys = patients.stream().collect(Collectors.toMap(p -> p.id(), p -> String.join(
                        " ",
                        p.name(),
                        p.id(),
                        p.patient().birthDate().toString(),
                        p.identifiers().stream().map(i -> i.value()).collect(Collectors.joining(" ")))
                .toLowerCase(Locale.ROOT)));
        if (patients.isEmpty()) {
            return new Snapshot(mark, today, List.of(), searchKeys);
        }
        Map<String, List<CourseRecord>> courses =
                byPatient(records.list(ClinicalKinds.COURSE), CourseRecord::patientId);
        Map<String, List<DosimetryRecord>> doses =
                byPatient(records.list(ClinicalKinds.DOSIMETRY), DosimetryRecord::patientId);
        Map<String, List<DecisionRecord>> decisions =
                byPatient(records.list(ClinicalKinds.DECISION), DecisionRecord::patientId);
        Map<String, List<OutcomeRecord>> outcomes =
                byPatient(records.list(ClinicalKinds.OUTCOME), OutcomeRecord::patientId);
        Map<String, List<EligibilityAssessment>> eligibility =
                byPatient(records.list(ClinicalKinds.ELIGIBILITY), EligibilityAssessment::patientId);
        var list = patients.stream()
                .map(p -> PatientStatus.of(
                                p.id(),
                                courses.getOrDefault(p.id(), List.of()),
                                doses.getOrDefault(p.id(), List.of()),
                                decisions.getOrDefault(p.id(), List.of()),
                                outcomes.getOrDefault(p.id(), List.of()),
                                eligibility.getOrDefault(p.id(), List.of()),
                                today)
                        .summary(p.id(), p.name()))
                .toList();
        return new Snapshot(mark, today, list, searchKeys);
    }

    private static <T> Map<String, List<T>> byPatient(List<Stored<T>> all, java.util.function.Function<T, String> id) {
        return all.stream().map(Stored::value).collect(Collectors.groupingBy(id));
    }
}

package org.netra.app.web.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.netra.store.Store;
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
        var list = all();
        var keys = searchKeys;
        return list.stream()
                .filter(p -> q.isEmpty() || keys.getOrDefault(p.id(), "").contains(q))
                .toList();
    }

    /** Per patient id: the text a search looks in (name, id, identifiers, birth date), lower case. */
    private Map<String, String> searchKeys = Map.of();

    /** Audit sequence number the cached list reflects (−1: none yet). */
    private long seen = -1;

    private List<PatientSummary> cached = List.of();

    /**
     * Every patient's summary, recomputed only when the audit trail shows a change since the last time
     * (every change to a record is in it), so reading the list costs one small query.
     */
    private synchronized List<PatientSummary> all() {
        var changes = store.audit().since(Math.max(seen, 0));
        if (seen >= 0 && changes.isEmpty()) {
            return cached;
        }
        long upTo = changes.isEmpty() ? Math.max(seen, 0) : changes.getLast().seq();
        cached = compute();
        seen = upTo;
        return cached;
    }

    private List<PatientSummary> compute() {
        var records = store.records();
        var patients = records.list(ClinicalKinds.PATIENT).stream()
                .map(Stored::value)
                .sorted(Comparator.comparing(p -> p.id()))
                .toList();
        searchKeys = patients.stream().collect(Collectors.toMap(p -> p.id(), p -> String.join(
                        " ",
                        p.name(),
                        p.id(),
                        p.patient().birthDate().toString(),
                        p.identifiers().stream().map(i -> i.value()).collect(Collectors.joining(" ")))
                .toLowerCase(Locale.ROOT)));
        if (patients.isEmpty()) {
            return List.of();
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
        LocalDate today = LocalDate.now(clock);
        return patients.stream()
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
    }

    private static <T> Map<String, List<T>> byPatient(List<Stored<T>> all, java.util.function.Function<T, String> id) {
        return all.stream().map(Stored::value).collect(Collectors.groupingBy(id));
    }
}

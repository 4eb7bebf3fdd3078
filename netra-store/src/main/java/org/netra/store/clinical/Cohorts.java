package org.netra.store.clinical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.netra.clinical.followup.CohortResponse;
import org.netra.clinical.followup.SurvivalObservation;
import org.netra.clinical.patient.TumourSite;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The department's cohort from the stored records: best RECIST response by primary site (objective response
 * and disease control rates), and progression-free and overall survival grouped by primary site for
 * Kaplan–Meier and the log-rank test.
 */
public final class Cohorts {
    private Cohorts() {}

    /** Per site, then the whole cohort; a patient's latest response assessment (by baseline date) counts. */
    public static List<CohortResponse.Summary> responseBySite(Records records) {
        Map<String, TumourSite> sites = sites(records);
        Map<String, ResponseRecord> latest = records.list(ClinicalKinds.RESPONSE).stream()
                .map(Stored::value)
                .collect(Collectors.toMap(
                        ResponseRecord::patientId,
                        r -> r,
                        (a, b) -> a.baseline().date().isAfter(b.baseline().date()) ? a : b));
        List<CohortResponse.PatientResponse> cohort = new ArrayList<>();
        latest.values().stream()
                .sorted(Comparator.comparing(ResponseRecord::patientId))
                .forEach(r -> cohort.add(
                        new CohortResponse.PatientResponse(r.patientId(), site(sites, r.patientId()), r.best())));
        return CohortResponse.bySite(cohort);
    }

    /** Progression-free survival in days (progression or death), grouped by primary site. */
    public static List<SurvivalObservation> progressionFreeBySite(Records records) {
        return bySite(records, OutcomeRecord::progressionFree);
    }

    /** Overall survival in days, grouped by primary site. */
    public static List<SurvivalObservation> overallBySite(Records records) {
        return bySite(records, OutcomeRecord::overall);
    }

    private static List<SurvivalObservation> bySite(
            Records records, BiFunction<OutcomeRecord, String, SurvivalObservation> how) {
        Map<String, TumourSite> sites = sites(records);
        return records.list(ClinicalKinds.OUTCOME).stream()
                .map(Stored::value)
                .sorted(Comparator.comparing(OutcomeRecord::patientId))
                .map(o -> how.apply(o, site(sites, o.patientId()).name()))
                .toList();
    }

    private static Map<String, TumourSite> sites(Records records) {
        return records.list(ClinicalKinds.PATIENT).stream()
                .map(Stored::value)
                .collect(Collectors.toMap(PatientRecord::id, p -> p.tumour().site()));
    }

    private static TumourSite site(Map<String, TumourSite> sites, String patientId) {
        TumourSite s = sites.get(patientId);
        if (s == null) {
            throw new IllegalStateException("a response or outcome belongs to patient " + patientId
                    + ", who has no patient record; create the patient first");
        }
        return s;
    }
}

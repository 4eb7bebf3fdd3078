package org.netra.clinical.followup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netra.clinical.patient.TumourSite;

/** Best-response counts by primary site, with objective response and disease control rates. */
public final class CohortResponse {
    public record PatientResponse(String patientId, TumourSite site, Response best) {}

    public record Summary(
            TumourSite site,
            int patients,
            Map<Response, Integer> counts,
            double objectiveResponseRate,
            double diseaseControlRate) {}

    private CohortResponse() {}

    /** One summary per site present (in enum order) and, last, the whole cohort under {@code site = null}. */
    public static List<Summary> bySite(List<PatientResponse> cohort) {
        Map<TumourSite, List<PatientResponse>> groups = new TreeMap<>();
        for (PatientResponse p : cohort) {
            groups.computeIfAbsent(p.site(), s -> new ArrayList<>()).add(p);
        }
        List<Summary> out = new ArrayList<>();
        groups.forEach((site, list) -> out.add(summary(site, list)));
        out.add(summary(null, cohort));
        return out;
    }

    private static Summary summary(TumourSite site, List<PatientResponse> list) {
        Map<Response, Integer> counts = new EnumMap<>(Response.class);
        for (Response r : Response.values()) {
            counts.put(r, 0);
        }
        list.forEach(p -> counts.merge(p.best(), 1, Integer::sum));
        int n = list.size();
        long objective = list.stream().filter(p -> p.best().objective()).count();
        long control = list.stream().filter(p -> p.best().diseaseControl()).count();
        return new Summary(site, n, counts, n == 0 ? 0 : (double) objective / n, n == 0 ? 0 : (double) control / n);
    }
}

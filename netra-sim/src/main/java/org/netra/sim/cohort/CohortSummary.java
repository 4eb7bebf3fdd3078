package org.netra.sim.cohort;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.ConfidenceType;
import org.netra.clinical.followup.KaplanMeier;
import org.netra.clinical.followup.SurvivalObservation;

/**
 * What a cohort shows next to the published figures: the eligibility mix, cycles given, the best-response
 * split of the evaluable treated patients, and the Kaplan–Meier median time to progression (months, deaths
 * censored) and overall survival from the first cycle, with 95 % intervals.
 */
public record CohortSummary(
        int patients,
        int eligible,
        int teamDecision,
        int notEligible,
        int treated,
        int evaluable,
        Map<PublishedResponse, Integer> bestResponse,
        Map<PublishedResponse, Double> publishedResponse,
        Map<Integer, Integer> cycles,
        Median timeToProgressionMonths,
        Median overallSurvivalMonths) {
    /** A Kaplan–Meier median with its 95 % interval (log transform, as R's survfit) and the events seen. */
    public record Median(
            Optional<Double> median, Optional<Double> lower, Optional<Double> upper, int events, int subjects) {}

    public static final double DAYS_PER_MONTH = 365.25 / 12;

    public static CohortSummary of(List<SyntheticPatient> cohort) {
        int eligible = 0, team = 0, not = 0;
        for (SyntheticPatient p : cohort) {
            switch (p.eligibility()) {
                case Verdict.Eligible e -> eligible++;
                case Verdict.NeedsTeamDecision t -> team++;
                case Verdict.NotEligible n -> not++;
            }
        }
        List<TreatmentCourse> treated =
                cohort.stream().flatMap(p -> p.course().stream()).toList();
        Map<PublishedResponse, Integer> best = new EnumMap<>(PublishedResponse.class);
        Map<PublishedResponse, Double> published = new EnumMap<>(PublishedResponse.class);
        for (PublishedResponse r : PublishedResponse.values()) {
            best.put(r, 0);
            published.put(r, r.published());
        }
        int evaluable = 0;
        for (TreatmentCourse c : treated) {
            if (c.bestResponse().isPresent()) {
                evaluable++;
                best.merge(c.bestResponse().get(), 1, Integer::sum);
            }
        }
        Map<Integer, Integer> cycles = new TreeMap<>();
        treated.forEach(c -> cycles.merge(c.cycles(), 1, Integer::sum));
        return new CohortSummary(
                cohort.size(),
                eligible,
                team,
                not,
                treated.size(),
                evaluable,
                best,
                published,
                cycles,
                median(timeToProgression(treated)),
                median(treated.stream()
                        .map(c -> months(SurvivalObservation.ofDates(c.start(), c.death(), c.lastFollowUp(), "")))
                        .toList()));
    }

    /** Time to progression in months from the first cycle, deaths without progression censored. */
    public static List<SurvivalObservation> timeToProgression(List<TreatmentCourse> treated) {
        return treated.stream()
                .map(c -> months(SurvivalObservation.progression(
                        c.start(), c.progression(), c.death(), c.lastFollowUp(), false, "")))
                .toList();
    }

    private static SurvivalObservation months(SurvivalObservation days) {
        return new SurvivalObservation(days.time() / DAYS_PER_MONTH, days.event(), days.group());
    }

    private static Median median(List<SurvivalObservation> data) {
        if (data.isEmpty()) {
            return new Median(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
        }
        var km = KaplanMeier.fit(data, 0.95, ConfidenceType.LOG);
        return new Median(km.median(), km.medianLower(), km.medianUpper(), km.events(), km.subjects());
    }
}

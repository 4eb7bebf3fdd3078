package org.netra.sim.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.ConfidenceType;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.followup.KaplanMeier;
import org.netra.clinical.followup.SurvivalObservation;

/** The cohort reproduces the published figures within the sampling error of its size (DOMAIN.md §1). */
class SyntheticCohortTest {
    private static final List<SyntheticPatient> COHORT = SyntheticCohort.generate(2026, 500);
    private static final List<TreatmentCourse> TREATED =
            COHORT.stream().flatMap(p -> p.course().stream()).toList();

    @Test
    void responseSplitIsKwekkeboom2008WithinBinomialError() {
        List<TreatmentCourse> evaluable =
                TREATED.stream().filter(c -> c.bestResponse().isPresent()).toList();
        int n = evaluable.size();
        assertThat(n).isGreaterThan(300);
        Map<PublishedResponse, Integer> counts = new EnumMap<>(PublishedResponse.class);
        evaluable.forEach(c -> counts.merge(c.bestResponse().orElseThrow(), 1, Integer::sum));
        for (PublishedResponse r : PublishedResponse.values()) {
            double p = r.probability();
            double observed = counts.getOrDefault(r, 0) / (double) n;
            // 99 % binomial interval (normal approximation; CR's expected count is ~8, so also allow ± 2 counts)
            double halfWidth = 2.576 * Math.sqrt(p * (1 - p) / n) + 2.0 / n;
            assertThat(observed).as(r + " of " + n).isBetween(p - halfWidth, p + halfWidth);
        }
    }

    @Test
    void medianTimeToProgressionIsFortyMonthsWithinItsConfidenceInterval() {
        List<SurvivalObservation> ttp = TREATED.stream()
                .map(c -> SurvivalObservation.progression(
                        c.start(), c.progression(), c.death(), c.lastFollowUp(), false, ""))
                .map(o -> new SurvivalObservation(o.time() / 30.4375, o.event(), ""))
                .toList();
        var km = KaplanMeier.fit(ttp, 0.95, ConfidenceType.LOG);
        assertThat(km.median()).isPresent();
        assertThat(km.medianLower().orElseThrow()).isLessThanOrEqualTo(40.0);
        assertThat(km.medianUpper().orElseThrow()).isGreaterThanOrEqualTo(40.0);
    }

    @Test
    void thePathwayIsWhole() {
        assertThat(COHORT.stream().filter(p -> p.eligibility() instanceof Verdict.NotEligible))
                .isNotEmpty();
        assertThat(COHORT.stream().filter(p -> p.eligibility() instanceof Verdict.NeedsTeamDecision))
                .isNotEmpty();
        assertThat(TREATED.size()).isGreaterThan(COHORT.size() / 2);
        assertThat(TREATED.stream().mapToInt(TreatmentCourse::cycles).min().orElseThrow())
                .isLessThanOrEqualTo(3);
        assertThat(TREATED.stream().mapToInt(TreatmentCourse::cycles).max().orElseThrow())
                .isBetween(7, 8);
        for (SyntheticPatient p : COHORT) {
            assertThat(p.candidate().imaging()).isNotEmpty();
            assertThat(p.candidate().imaging().get(0).highestKrenning()).isPresent();
            assertThat(p.candidate().tumour().ki67()).isPresent();
        }
        long thrombocytopenia = TREATED.stream()
                .filter(c -> c.toxicity().stream()
                        .anyMatch(t -> t.term() == CtcaeTerm.PLATELET_COUNT_DECREASED && t.emergent()))
                .count();
        // NETTER-1: thrombocytopenia of any grade in 53 %
        assertThat(thrombocytopenia / (double) TREATED.size()).isBetween(0.35, 0.7);
    }

    @Test
    void theSameSeedGivesTheSameCohort() {
        assertThat(SyntheticCohort.generate(2026, 20)).isEqualTo(COHORT.subList(0, 20));
        assertThat(SyntheticCohort.generate(7, 20)).isNotEqualTo(COHORT.subList(0, 20));
    }
}

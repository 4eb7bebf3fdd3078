package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.patient.TumourSite;

class SurvivalAndCohortTest {
    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    /** DOMAIN.md §2: PFS counts progression or death; TTP censors deaths. */
    @Test
    void pfsCountsDeathTtpCensorsIt() {
        var death = Optional.of(LocalDate.of(2020, 7, 1));
        var pfs = SurvivalObservation.progression(START, Optional.empty(), death, LocalDate.of(2021, 1, 1), true, "");
        var ttp = SurvivalObservation.progression(START, Optional.empty(), death, LocalDate.of(2021, 1, 1), false, "");
        assertThat(pfs.event()).isTrue();
        assertThat(pfs.time()).isEqualTo(182);
        assertThat(ttp.event()).isFalse();
        assertThat(ttp.time()).isEqualTo(182);
    }

    @Test
    void cohortSummaryBySite() {
        var cohort = List.of(
                new CohortResponse.PatientResponse("1", TumourSite.PANCREAS, Response.PR),
                new CohortResponse.PatientResponse("2", TumourSite.PANCREAS, Response.SD),
                new CohortResponse.PatientResponse("3", TumourSite.SMALL_INTESTINE, Response.SD),
                new CohortResponse.PatientResponse("4", TumourSite.SMALL_INTESTINE, Response.PD));
        var s = CohortResponse.bySite(cohort);
        assertThat(s).hasSize(3);
        assertThat(s.get(0).site()).isEqualTo(TumourSite.PANCREAS);
        assertThat(s.get(0).objectiveResponseRate()).isEqualTo(0.5);
        assertThat(s.get(0).diseaseControlRate()).isEqualTo(1.0);
        assertThat(s.get(1).diseaseControlRate()).isEqualTo(0.5);
        assertThat(s.get(2).site()).isNull();
        assertThat(s.get(2).patients()).isEqualTo(4);
        assertThat(s.get(2).counts().get(Response.SD)).isEqualTo(2);
    }
}

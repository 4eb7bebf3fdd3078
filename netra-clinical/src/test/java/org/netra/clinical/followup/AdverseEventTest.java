package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.patient.Length;

class AdverseEventTest {
    static final LocalDate DAY = LocalDate.of(2025, 6, 2);

    @Test
    void aGradeTheCtcaeTermDoesNotHaveIsRefused() {
        assertThat(new AdverseEvent(AdverseEventTerm.MYELODYSPLASTIC_SYNDROME, 4, DAY, Optional.empty()).fatal())
                .isFalse();
        assertThatThrownBy(() -> new AdverseEvent(AdverseEventTerm.ACUTE_KIDNEY_INJURY, 1, DAY, Optional.empty()))
                .hasMessageContaining("[3, 4, 5]");
        assertThatThrownBy(() -> new AdverseEvent(AdverseEventTerm.NAUSEA, 2, DAY, Optional.of(DAY.minusDays(1))))
                .hasMessageContaining("before the onset");
        assertThat(AdverseEventTerm.parse("acute myeloid leukaemia"))
                .isEqualTo(AdverseEventTerm.ACUTE_MYELOID_LEUKAEMIA);
        assertThatThrownBy(() -> AdverseEventTerm.parse("headache")).hasMessageContaining("myelodysplastic_syndrome");
    }

    @Test
    void progressionIsTheFirstTimePointJudgedPd() {
        var recist = Recist.v11();
        var baseline = recist.select(DAY, List.of(new BaselineLesion("liver-1", "liver", false, Length.ofMm(40))));
        var points = recist.evaluate(
                baseline,
                List.of(
                        new FollowUpAssessment(
                                DAY.plusMonths(3),
                                java.util.Map.of("liver-1", new Measurement.Measured(Length.ofMm(38))),
                                NonTargetStatus.NONE_AT_BASELINE,
                                false),
                        new FollowUpAssessment(
                                DAY.plusMonths(6),
                                java.util.Map.of("liver-1", new Measurement.Measured(Length.ofMm(37))),
                                NonTargetStatus.NONE_AT_BASELINE,
                                true)));
        assertThat(points).extracting(Recist.TimePoint::overall).containsExactly(Response.SD, Response.PD);
        assertThat(Progression.first(points)).contains(DAY.plusMonths(6));
        assertThat(Progression.first(points.subList(0, 1))).isEmpty();
    }
}

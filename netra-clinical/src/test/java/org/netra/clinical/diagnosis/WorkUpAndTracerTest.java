package org.netra.clinical.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.TumourSite;

class WorkUpAndTracerTest {
    static final LocalDate DAY = LocalDate.of(2024, 4, 12);

    /** DOMAIN.md §1: a suspicious focus needs CT, MRI or biopsy to decide; a typical metastasis CT and MRI. */
    @Test
    void theRecommendedWorkUpIsTrackedUntilDone() {
        var suspicious = new BoneFinding("T8", BoneFinding.Kind.SUSPICIOUS);
        assertThat(suspicious.outstanding())
                .containsExactly(BoneFinding.WorkUp.CT, BoneFinding.WorkUp.MRI, BoneFinding.WorkUp.BIOPSY);
        assertThat(suspicious
                        .withDone(new BoneFinding.WorkUpDone(BoneFinding.WorkUp.BIOPSY, DAY, "NET metastasis"))
                        .outstanding())
                .isEmpty();
        var metastasis = new BoneFinding("L2", BoneFinding.Kind.METASTASIS)
                .withDone(new BoneFinding.WorkUpDone(BoneFinding.WorkUp.CT, DAY, "no fracture risk"));
        assertThat(metastasis.outstanding()).containsExactly(BoneFinding.WorkUp.MRI);
        assertThat(new BoneFinding("knee", BoneFinding.Kind.DEGENERATIVE).outstanding())
                .isEmpty();
    }

    /** WHO 2019: G3 begins above Ki-67 20 %; a high Ki-67 calls for FDG whatever grade was written. */
    @Test
    void theTracerProposedFollowsGradeAndKi67() {
        var g2 = new PrimaryTumour(TumourSite.PANCREAS, Grade.G2, Optional.of(new Ki67(12, DAY)));
        assertThat(TracerCatalogue.forType(NetType.of(g2)).getFirst().tracer()).isEqualTo(Tracer.GA68_DOTATATE);
        var g2HighKi = new PrimaryTumour(TumourSite.PANCREAS, Grade.G2, Optional.of(new Ki67(35, DAY)));
        assertThat(NetType.of(g2HighKi)).isEqualTo(NetType.HIGH_GRADE);
        assertThat(TracerCatalogue.forType(NetType.of(g2HighKi)).getFirst().tracer())
                .isEqualTo(Tracer.F18_FDG);
        assertThat(NetType.of(new PrimaryTumour(TumourSite.LUNG, Grade.NEC, Optional.empty())))
                .isEqualTo(NetType.HIGH_GRADE);
    }
}

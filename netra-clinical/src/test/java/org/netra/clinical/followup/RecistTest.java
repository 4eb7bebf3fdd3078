package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netra.clinical.followup.Measurement.Disappeared;
import org.netra.clinical.followup.Measurement.Measured;
import org.netra.clinical.followup.Measurement.TooSmallToMeasure;
import org.netra.clinical.patient.Length;

/** Cases built from the rules and tables of RECIST 1.1 (Eisenhauer et al., Eur J Cancer 2009;45:228). */
class RecistTest {
    private static final LocalDate BASE = LocalDate.of(2024, 1, 10);
    private final Recist recist = Recist.v11();

    private static BaselineLesion lesion(String id, String organ, double mm) {
        return new BaselineLesion(id, organ, false, Length.ofMm(mm));
    }

    private static BaselineLesion node(String id, double shortAxisMm) {
        return new BaselineLesion(id, "lymph node", true, Length.ofMm(shortAxisMm));
    }

    private static Measurement mm(double v) {
        return new Measured(Length.ofMm(v));
    }

    /** §3.1–3.3: measurability (10 mm; nodes 15 mm short axis), ≤ 5 targets, ≤ 2 per organ, largest first. */
    @Test
    void targetSelectionFollowsSection3() {
        var lesions = List.of(
                lesion("liver1", "liver", 40),
                lesion("liver2", "liver", 30),
                lesion("liver3", "liver", 20),
                lesion("lung1", "lung", 25),
                lesion("lung2", "lung", 15),
                lesion("lung3", "lung", 8),
                node("n1", 18),
                node("n2", 12),
                node("n3", 8));
        var b = recist.select(BASE, lesions);
        assertThat(b.targets())
                .extracting(BaselineLesion::id)
                .containsExactly("liver1", "liver2", "lung1", "n1", "lung2");
        assertThat(b.nonTargets()).extracting(BaselineLesion::id).containsExactlyInAnyOrder("liver3", "lung3", "n2");
        assertThat(b.normalNodes()).extracting(BaselineLesion::id).containsExactly("n3");
        // §3.3: nodes add their short axis to the sum
        assertThat(b.sum().inMm()).isEqualTo(40 + 30 + 25 + 18 + 15);
        assertThatThrownBy(() -> recist.withTargets(BASE, lesions, Set.of("liver1", "liver2", "liver3")))
                .hasMessageContaining("2 targets per organ");
        assertThatThrownBy(() -> recist.withTargets(BASE, lesions, Set.of("n2")))
                .hasMessageContaining("not measurable");
    }

    /** §4.3.1: PR is at least a 30 % decrease from the baseline sum. */
    @Test
    void partialResponseAtThirtyPercent() {
        var b = recist.withTargets(BASE, List.of(lesion("a", "liver", 60), lesion("b", "lung", 40)), Set.of("a", "b"));
        var tps = recist.evaluate(
                b,
                List.of(
                        fu(BASE.plusWeeks(8), Map.of("a", mm(42), "b", mm(28))), // 70 = −30 %
                        fu(BASE.plusWeeks(16), Map.of("a", mm(43), "b", mm(28))))); // 71 = −29 % from baseline
        assertThat(tps.get(0).target()).isEqualTo(Response.PR);
        assertThat(tps.get(0).changeFromBaseline().orElseThrow()).isCloseTo(-0.30, within(1e-12));
        assertThat(tps.get(1).target()).isEqualTo(Response.SD);
    }

    /** §4.3.1: PD needs +20 % over the nadir and an absolute increase of at least 5 mm. */
    @Test
    void progressionIsMeasuredFromTheNadirAndNeedsFiveMillimetres() {
        var b = recist.withTargets(BASE, List.of(lesion("a", "liver", 100)), Set.of("a"));
        var tps = recist.evaluate(
                b,
                List.of(
                        fu(BASE.plusWeeks(8), Map.of("a", mm(50))),
                        fu(
                                BASE.plusWeeks(16),
                                Map.of("a", mm(59))), // +18 % over nadir 50: SD (still −41 % → PR vs baseline)
                        fu(BASE.plusWeeks(24), Map.of("a", mm(60))))); // +20 % and +10 mm over nadir 50: PD
        assertThat(tps.get(0).target()).isEqualTo(Response.PR);
        assertThat(tps.get(1).target()).isEqualTo(Response.PR);
        assertThat(tps.get(1).nadirBefore().inMm()).isEqualTo(50);
        assertThat(tps.get(2).target()).isEqualTo(Response.PD);

        var small = recist.withTargets(BASE, List.of(lesion("s", "lung", 20)), Set.of("s"));
        var tp = recist.evaluate(small, List.of(fu(BASE.plusWeeks(8), Map.of("s", mm(24))))); // +20 % but only 4 mm
        assertThat(tp.get(0).target()).isEqualTo(Response.SD);
    }

    /** §4.3.1: CR when non-nodal targets are gone and nodal targets are below 10 mm, though the sum is not 0. */
    @Test
    void completeResponseWithResidualNormalNode() {
        var b = recist.withTargets(BASE, List.of(lesion("a", "liver", 30), node("n", 20)), Set.of("a", "n"));
        var tps = recist.evaluate(
                b,
                List.of(new FollowUpAssessment(
                        BASE.plusWeeks(12),
                        Map.of("a", new Disappeared(), "n", mm(8)),
                        NonTargetStatus.NONE_AT_BASELINE,
                        false)));
        assertThat(tps.get(0).sum().orElseThrow().inMm()).isEqualTo(8);
        assertThat(tps.get(0).target()).isEqualTo(Response.CR);
        assertThat(tps.get(0).overall()).isEqualTo(Response.CR);
    }

    /** Appendix / §4.3.2 note: a lesion too small to measure counts 5 mm. */
    @Test
    void tooSmallToMeasureCountsFiveMillimetres() {
        var b = recist.withTargets(BASE, List.of(lesion("a", "liver", 30)), Set.of("a"));
        var tps = recist.evaluate(b, List.of(fu(BASE.plusWeeks(8), Map.of("a", new TooSmallToMeasure()))));
        assertThat(tps.get(0).sum().orElseThrow().inMm()).isEqualTo(5);
        assertThat(tps.get(0).target()).isEqualTo(Response.PR);
    }

    /** Table 4: new lesions → PD; target CR with persisting non-targets → PR; unequivocal non-target PD → PD. */
    @Test
    void overallResponseTable4() {
        assertThat(Recist.overall(true, Response.PR, NonTargetStatus.NON_CR_NON_PD, true))
                .isEqualTo(Response.PD);
        assertThat(Recist.overall(true, Response.CR, NonTargetStatus.NON_CR_NON_PD, false))
                .isEqualTo(Response.PR);
        assertThat(Recist.overall(true, Response.CR, NonTargetStatus.NOT_EVALUATED, false))
                .isEqualTo(Response.PR);
        assertThat(Recist.overall(true, Response.CR, NonTargetStatus.COMPLETE_RESPONSE, false))
                .isEqualTo(Response.CR);
        assertThat(Recist.overall(true, Response.SD, NonTargetStatus.UNEQUIVOCAL_PROGRESSION, false))
                .isEqualTo(Response.PD);
        assertThat(Recist.overall(true, Response.SD, NonTargetStatus.NON_CR_NON_PD, false))
                .isEqualTo(Response.SD);
        // Table 5: non-target disease only
        assertThat(Recist.overall(false, Response.NE, NonTargetStatus.NON_CR_NON_PD, false))
                .isEqualTo(Response.SD);
    }

    /** §4.4 (Table 3): with confirmation, a PR needs a later PR/CR ≥ 4 weeks on; otherwise it counts as SD. */
    @Test
    void bestOverallResponseWithConfirmation() {
        var confirming = new Recist(RecistRules.V1_1.withConfirmation(true));
        var b = confirming.withTargets(BASE, List.of(lesion("a", "liver", 50)), Set.of("a"));
        var confirmed = confirming.evaluate(
                b, List.of(fu(BASE.plusWeeks(8), Map.of("a", mm(30))), fu(BASE.plusWeeks(14), Map.of("a", mm(32)))));
        assertThat(confirming.best(b, confirmed)).isEqualTo(Response.PR);
        var unconfirmed = confirming.evaluate(
                b, List.of(fu(BASE.plusWeeks(8), Map.of("a", mm(30))), fu(BASE.plusWeeks(14), Map.of("a", mm(40)))));
        assertThat(confirming.best(b, unconfirmed)).isEqualTo(Response.SD);
        // without confirmation (randomised trials) the single PR stands
        assertThat(recist.best(b, unconfirmed)).isEqualTo(Response.PR);
        // SD before the minimum duration (6 weeks) does not count; then PD is the best
        var early = recist.evaluate(
                b, List.of(fu(BASE.plusWeeks(3), Map.of("a", mm(48))), fu(BASE.plusWeeks(9), Map.of("a", mm(70)))));
        assertThat(recist.best(b, early)).isEqualTo(Response.PD);
    }

    private static FollowUpAssessment fu(LocalDate date, Map<String, Measurement> targets) {
        return new FollowUpAssessment(date, targets, NonTargetStatus.NONE_AT_BASELINE, false);
    }
}

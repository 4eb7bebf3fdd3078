package org.netra.clinical.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.netra.clinical.followup.Ctcae;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.Sex;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;

class CycleDecisionTest {
    private static final ContinuationConfig CFG = ContinuationConfig.DEFAULTS;
    private static final DoseDecision CLEAR = new DoseDecision.Proceed(Activity.ofGBq(7.4), List.of("no toxicity"));

    @Test
    void continuesAtTheStandardWhenBudgetAndToxicityAllowIt() {
        var advice = Continuation.withDefaults().advise(ContinuationTest.cycles(2, 0.5, 40, 0.01));
        var d = CycleDecision.decide(3, advice, CLEAR, CFG);
        assertThat(d).isInstanceOf(CycleDecision.Continue.class);
        assertThat(((CycleDecision.Continue) d).activity()).isEqualTo(Activity.ofGBq(7.4));
        assertThat(d.reasons().get(0)).contains("after 2 cycle(s)", "of 27.0 Gy");
        assertThat(d.reasons()).contains("no toxicity");
    }

    @Test
    void adjustsToTheKidneyBudgetAndTakesTheLowerOfTheTwoProposals() {
        // 6 cycles at 0.5 Gy/GBq, T_eff 40 h: 24.27 Gy BED, the budget allows 5.13 GBq (ContinuationTest by hand)
        var advice = (ContinuationAdvice.Continue)
                Continuation.withDefaults().advise(ContinuationTest.cycles(6, 0.5, 40, 0.01));
        var byKidney = CycleDecision.decide(7, advice, CLEAR, CFG);
        assertThat(byKidney).isInstanceOf(CycleDecision.Adjust.class);
        assertThat(((CycleDecision.Adjust) byKidney).activity().inGBq()).isCloseTo(5.13473, within(1e-5));
        assertThat(byKidney.reasons()).anySatisfy(r -> assertThat(r).contains("limited by kidney"));

        var withheld = new DoseDecision.Withhold(Activity.ofGBq(3.7), List.of("thrombocytopenia grade 2"));
        var both = (CycleDecision.Adjust) CycleDecision.decide(7, advice, withheld, CFG);
        assertThat(both.activity()).isEqualTo(Activity.ofGBq(3.7));
        assertThat(both.waitForRecovery()).isTrue();
        assertThat(both.reasons()).contains("thrombocytopenia grade 2");
    }

    @Test
    void eitherSideStopsTheCourseWithAllItsReasons() {
        var over = Continuation.withDefaults().advise(ContinuationTest.cycles(7, 0.55, 45, 0.01));
        var stop = CycleDecision.decide(8, over, CLEAR, CFG);
        assertThat(stop).isInstanceOf(CycleDecision.Stop.class);
        assertThat(stop.reasons()).anySatisfy(r -> assertThat(r).contains("has reached the limit"));

        var fine = Continuation.withDefaults().advise(ContinuationTest.cycles(2, 0.5, 40, 0.01));
        var recurred = new DoseDecision.Discontinue(List.of("toxicity recurred after a reduced cycle"));
        var stop2 = CycleDecision.decide(3, fine, recurred, CFG);
        assertThat(stop2).isInstanceOf(CycleDecision.Stop.class);
        assertThat(stop2.reasons()).contains("toxicity recurred after a reduced cycle");
    }

    /**
     * Labs to status by hand: baseline creatinine 80 µmol/L; after the cycle platelets 60 (CTCAE G2: &lt; 75,
     * ≥ 50), now 140 (G1); creatinine worst 120 µmol/L (+50 %), now 100 (+25 %). Cockcroft–Gault, man of 60,
     * 80 kg: (140 − 60)·80 / (72 · 120/88.4) = 65.48 mL/min at the worst.
     */
    @Test
    void toxicityStatusFromLabs() {
        var p = manOf80kg("T1");
        LocalDate base = LocalDate.of(2024, 2, 1);
        LocalDate cycle = LocalDate.of(2024, 2, 10);
        var labs = new LabHistory(List.of(
                new LabResult(Analyte.CREATININE, 80, base),
                new LabResult(Analyte.PLATELETS, 240, base),
                new LabResult(Analyte.PLATELETS, 60, cycle.plusWeeks(4)),
                new LabResult(Analyte.CREATININE, 120, cycle.plusWeeks(4)),
                new LabResult(Analyte.PLATELETS, 140, cycle.plusWeeks(7)),
                new LabResult(Analyte.CREATININE, 100, cycle.plusWeeks(7))));
        var s = ToxicityStatus.fromLabs(
                p, labs, Ctcae.withDefaults(), base, cycle, cycle.plusWeeks(7), Period.ZERO, false);
        assertThat(s.worstPlatelets()).isEqualTo(CtcaeGrade.G2);
        assertThat(s.currentPlatelets()).isEqualTo(CtcaeGrade.G1);
        assertThat(s.worstCreatinineIncrease()).isCloseTo(0.5, within(1e-12));
        assertThat(s.currentCreatinineIncrease()).isCloseTo(0.25, within(1e-12));
        assertThat(s.worstCreatinineClearanceMlPerMin()).isCloseTo(80.0 * 80 / (72 * 120 / 88.4), within(1e-9));
        assertThat(s.worstCreatinineClearanceMlPerMin()).isCloseTo(65.48, within(0.01));
        // platelets G2 and +50 % creatinine since the cycle, recovered to G1 and +25 % now: resume at 3.7 GBq
        var d = new DoseModification(DoseModificationRules.LABEL).decide(s, Activity.ofGBq(7.4));
        assertThat(d).isInstanceOf(DoseDecision.Proceed.class);
        assertThat(((DoseDecision.Proceed) d).activity()).isEqualTo(Activity.ofGBq(3.7));
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("thrombocytopenia grade 2"));
    }

    /**
     * The creatinine baseline is the value before treatment (CTCAE v5): 70 µmol/L before cycle 1, 90 before
     * the last cycle, 100 after it. The rise is +42.9 % (100/70), over the label's +40 %, not +11.1 % (100/90).
     * Without a value before treatment, the first on record stands in: 100/90.
     */
    @Test
    void creatinineRiseIsGradedAgainstTheValueBeforeTreatment() {
        var p = manOf80kg("T2");
        LocalDate start = LocalDate.of(2024, 2, 10);
        LocalDate lastCycle = start.plusWeeks(8);
        LocalDate asOf = lastCycle.plusWeeks(7);
        var before = new LabResult(Analyte.CREATININE, 70, start.minusDays(9));
        var beforeLast = new LabResult(Analyte.CREATININE, 90, lastCycle.minusDays(7));
        var after = new LabResult(Analyte.CREATININE, 100, asOf);
        Function<List<LabResult>, ToxicityStatus> status = labs -> ToxicityStatus.fromLabs(
                p, new LabHistory(labs), Ctcae.withDefaults(), start, lastCycle, asOf, Period.ZERO, false);
        var s = status.apply(List.of(after, beforeLast, before));
        assertThat(s.worstCreatinineIncrease()).isCloseTo(100.0 / 70 - 1, within(1e-12));
        assertThat(s.currentCreatinineIncrease()).isCloseTo(100.0 / 70 - 1, within(1e-12));
        var d = new DoseModification(DoseModificationRules.LABEL).decide(s, Activity.ofGBq(7.4));
        assertThat(d).isInstanceOf(DoseDecision.Withhold.class);
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("renal toxicity", "creatinine +43 %"));

        var noneBefore = status.apply(List.of(after, beforeLast));
        assertThat(noneBefore.worstCreatinineIncrease()).isCloseTo(100.0 / 90 - 1, within(1e-12));

        assertThatThrownBy(() -> status.apply(List.of(new LabResult(Analyte.PLATELETS, 200, asOf))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T2")
                .hasMessageContaining("no creatinine on record");
    }

    /** A man born 1964-01-01 weighing 80 kg from 2024. */
    private static Patient manOf80kg(String id) {
        return new Patient(
                id,
                Sex.MALE,
                LocalDate.of(1964, 1, 1),
                List.of(new Dated<>(LocalDate.of(2024, 1, 1), Mass.ofKg(80))),
                List.of());
    }
}

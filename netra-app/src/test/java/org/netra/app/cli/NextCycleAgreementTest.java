package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.web.patient.CyclePlanner;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DecisionRecord;

/** {@code netra next-cycle} and the web's planning page decide the same next cycle for the same chart. */
class NextCycleAgreementTest {
    @TempDir
    Path dir;

    private static final String PID = "P-7";
    private static final String COURSE = PID + "/prrt-1";
    private static final LocalDate C1 = LocalDate.of(2025, 1, 6);
    /** Before cycle 4 (planned for week 24): no delay. */
    private static final LocalDate AS_OF = C1.plusWeeks(23);

    /**
     * Creatinine rises over the course: 70 µmol/L before cycle 1, 88 before cycle 3 (week 15), 102 before
     * cycle 4. Against the value before treatment (CTCAE's baseline) that is +45.7 %, over the label's +40 %:
     * withhold, then 3.7 GBq. Graded against the value before the last cycle instead (+15.9 %) it would pass.
     * Cockcroft–Gault stays above 40 mL/min (female, 69 y, 70 kg, 102 µmol/L: ≈ 50.9), so the rise alone decides.
     */
    @Test
    void theCliAndTheWebGiveTheSameDecisionWhenCreatinineRisesDuringTheCourse() throws Exception {
        new StoredCourse(
                        PID,
                        LocalDate.of(1956, 6, 1),
                        C1,
                        3,
                        0.45,
                        Map.of(
                                C1.minusDays(5), 70.0,
                                C1.plusWeeks(7), 78.0,
                                C1.plusWeeks(15), 88.0,
                                C1.plusWeeks(21), 100.0,
                                C1.plusWeeks(23), 102.0))
                .store(dir);

        var cli = NuclideCommandTest.run(
                "next-cycle",
                "--data-dir",
                dir.toString(),
                "--patient",
                PID,
                "--course",
                COURSE,
                "--as-of",
                AS_OF.toString(),
                "--json");
        assertThat(cli.exit()).as(cli.err()).isZero();

        try (var store = Store.open(StoreConfig.embedded(dir))) {
            DecisionRecord byCli = store.documents().mapper().readValue(cli.out(), DecisionRecord.class);
            var clock = Clock.fixed(AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            var planner = new CyclePlanner(store, clock);
            var proposal = planner.propose(PID);
            assertThat(proposal.possible()).as(proposal.why()).isTrue();
            planner.approve(PID, "physician");
            DecisionRecord byWeb =
                    store.records().list(ClinicalKinds.DECISION).getFirst().value();

            // the independent expectation: +45.7 % creatinine over the pre-treatment 70 µmol/L withholds cycle 4
            assertThat(102.0 / 70 - 1).isGreaterThan(0.40);
            assertThat(byCli.decision()).isInstanceOf(CycleDecision.Adjust.class);
            var cliAdjust = (CycleDecision.Adjust) byCli.decision();
            assertThat(cliAdjust.cycle()).isEqualTo(4);
            assertThat(cliAdjust.waitForRecovery()).isTrue();
            assertThat(cliAdjust.activity().inGBq()).isCloseTo(3.7, within(1e-9));
            assertThat(cliAdjust.reasons()).anySatisfy(s -> assertThat(s).contains("renal toxicity", "+46 %"));

            // the web path (proposal shown, decision approved and stored) is the same decision
            assertThat(byWeb.decision()).isInstanceOf(CycleDecision.Adjust.class);
            var webAdjust = (CycleDecision.Adjust) byWeb.decision();
            assertThat(webAdjust.cycle()).isEqualTo(cliAdjust.cycle());
            assertThat(webAdjust.waitForRecovery()).isEqualTo(cliAdjust.waitForRecovery());
            assertThat(webAdjust.activity().inGBq())
                    .isCloseTo(cliAdjust.activity().inGBq(), within(1e-9));
            assertThat(webAdjust.reasons()).isEqualTo(cliAdjust.reasons());
            assertThat(proposal.reasons()).isEqualTo(cliAdjust.reasons());
            assertThat(proposal.cycle()).isEqualTo(cliAdjust.cycle());
            assertThat(byWeb.toxicity()).isEqualTo(byCli.toxicity());
            assertThat(byWeb.dosimetry()).isEqualTo(byCli.dosimetry());
            assertThat(byWeb.id()).isEqualTo(byCli.id());
        }
    }
}

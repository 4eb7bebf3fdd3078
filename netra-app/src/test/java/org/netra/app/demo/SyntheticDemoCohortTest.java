package org.netra.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.netra.app.web.patient.ClinicalDirectory;
import org.netra.app.web.patient.CyclePlanner;
import org.netra.app.web.patient.PatientSummary;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;

/** The synthetic cohort as the clinic knew it on one day: every stage present, nothing from the future. */
class SyntheticDemoCohortTest {
    static final LocalDate AS_OF = LocalDate.of(2021, 9, 6);
    /** 177Lu's half-life, 6.647 d (ICRP Publication 107), written out rather than read from netra's catalogue. */
    private static final java.time.Duration LU177_HALF_LIFE = java.time.Duration.ofSeconds(Math.round(6.647 * 86_400));

    @Test
    void theDemoClinicHasEveryStageAndNothingAfterItsDate() {
        try (var store = Store.open(StoreConfig.inMemory("sim-demo-" + System.nanoTime()))) {
            String said = new SyntheticDemoCohort(2026, 80, AS_OF).load(store, "demo-loader");
            assertThat(said).contains("synthetic patients").contains("2021-09-06");
            var clock = Clock.fixed(AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            var byStage = new ClinicalDirectory(store, clock)
                    .search("").stream().collect(Collectors.groupingBy(PatientSummary::status, Collectors.counting()));
            assertThat(byStage.keySet()).contains("screening", "on treatment", "follow-up");
            var records = store.records();
            assertThat(records.list(ClinicalKinds.DOSIMETRY))
                    .allSatisfy(d -> assertThat(d.value().dosimetry().date()).isBeforeOrEqualTo(AS_OF));
            assertThat(records.list(ClinicalKinds.LAB_PANEL))
                    .allSatisfy(l -> assertThat(l.value().sampled()).isBeforeOrEqualTo(AS_OF));
            assertThat(records.list(ClinicalKinds.OUTCOME))
                    .allSatisfy(o -> assertThat(o.value().lastFollowUp()).isBeforeOrEqualTo(AS_OF));

            // a patient between cycles gets a proposal for the next one, which a physician can record
            var planner = new CyclePlanner(store, clock);
            var between = new ClinicalDirectory(store, clock)
                    .search("").stream()
                            .filter(p -> p.status().equals("on treatment"))
                            .filter(p -> planner.propose(p.id()).possible())
                            .findFirst()
                            .orElseThrow();
            var done = planner.approve(between.id(), "physician");
            assertThat(done.decided()).isTrue();
        }
    }

    /**
     * Every given cycle has the radiopharmacist's dispensing, so its page shows the administered activity and
     * offers the RRDSR: decay-corrected to the infusion (netra-clinical's Dispensing, 177Lu 6.647 d), syringe
     * minus residual equals the activity the cycle's dosimetry records.
     */
    @Test
    void everyGivenCycleHasADispensingThatGivesItsRecordedActivity() {
        try (var store = Store.open(StoreConfig.inMemory("sim-demo-" + System.nanoTime()))) {
            new SyntheticDemoCohort(2026, 20, AS_OF).load(store, "demo-loader");
            var records = store.records();
            var given = records.list(ClinicalKinds.DOSIMETRY);
            assertThat(given).isNotEmpty();
            for (var d : given) {
                var dosimetry = d.value().dosimetry();
                String course = d.value().courseId();
                var dispensing = records.find(
                                ClinicalKinds.DISPENSING,
                                org.netra.store.clinical.DispensingRecord.idOf(course, dosimetry.cycle()))
                        .orElseThrow(() -> new AssertionError(
                                "no dispensing for " + d.value().id()))
                        .value()
                        .dispensing();
                var administration = records.find(
                                ClinicalKinds.ADMINISTRATION,
                                org.netra.store.clinical.AdministrationRecord.idOf(course, dosimetry.cycle()))
                        .orElseThrow()
                        .value();
                double gbq = dispensing
                        .administeredAt(administration.administered(), ZoneOffset.UTC, LU177_HALF_LIFE)
                        .inGBq();
                // 0.1 MBq: the half-life written here by hand may differ from the catalogue's in the last digit
                assertThat(gbq)
                        .isCloseTo(dosimetry.administered().inGBq(), org.assertj.core.api.Assertions.within(1e-4));
                assertThat(dispensing.residualMeasuredAt()).isAfter(administration.administered());
            }
        }
    }
}

package org.netra.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.app.web.WebClient;
import org.netra.sim.anatomy.Voi;
import org.netra.sim.truth.DoseTruth;
import org.netra.store.audit.AuditEvent;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.RegionCurves;

/**
 * The demo's recorded cycles measured on their digital twins by dosimetry jobs and attached to the course: the
 * twin's true doses (netra-sim's convolution of the true TIA map) are the independent reference.
 */
class TwinDosimetryTest {
    @Test
    void aRecordedCycleGetsItsTwinsMeasuredDosimetry() throws Exception {
        try (var server = TestServer.custom(null, b -> b)) {
            new SyntheticDemoCohort(2026, 20, LocalDate.of(2021, 9, 6)).load(server.store, "demo-loader");
            var byPatient = server.store.records().list(ClinicalKinds.DOSIMETRY).stream()
                    .map(s -> s.value())
                    .collect(Collectors.groupingBy(DosimetryRecord::patientId));
            // a patient with two cycles or more: the second is attached after the first
            List<DosimetryRecord> cycles =
                    byPatient.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow().stream()
                            .sorted(Comparator.comparingInt(d -> d.dosimetry().cycle()))
                            .limit(2)
                            .toList();
            for (var d : cycles) {
                TwinDosimetry.queue(server.store, server.app.jobs(), "demo-loader", d);
            }
            assertThat(server.app.jobs().awaitIdle(Duration.ofMinutes(5))).isTrue();
            assertThat(server.app.jobs().list())
                    .allSatisfy(j -> assertThat(j.error()).isEmpty())
                    .allSatisfy(j -> assertThat(j.attachedTo()).isNotEmpty());

            var patient = server.store
                    .records()
                    .get(ClinicalKinds.PATIENT, cycles.getFirst().patientId())
                    .value();
            for (var recorded : cycles) {
                var attached = server.store
                        .records()
                        .get(ClinicalKinds.DOSIMETRY, recorded.id())
                        .value();
                var truth = DoseTruth.of(
                        recorded.dosimetry().cycle(),
                        TwinDosimetry.twin(patient, recorded).truth(),
                        Voi.STANDARD);
                // the twin was made to the recorded kidney dose: its truth is that dose
                double trueKidneys = mean(truth, "Kidney_L", "Kidney_R");
                assertThat(trueKidneys)
                        .isCloseTo(recorded.dosimetry().kidneyDose().inGy(), within(1e-3 * trueKidneys));
                // measured through the SPECT model with GTM recovery: within 5 % of the truth
                assertThat(attached.dosimetry().kidneyDose().inGy()).isCloseTo(trueKidneys, within(0.05 * trueKidneys));
                assertThat(attached.dosimetry().kidneyEffectiveHalfLife().toMinutes() / 60.0)
                        .isCloseTo(
                                recorded.dosimetry().kidneyEffectiveHalfLife().toMinutes() / 60.0, within(5.0));
                assertThat(attached.dosimetry().marrowDose())
                        .isEqualTo(recorded.dosimetry().marrowDose());
                assertThat(attached.dosimetry().administered())
                        .isEqualTo(recorded.dosimetry().administered());
                // tumours of 5 mL or more within 10 % of their true dose (the accuracy benchmark measured 1 %)
                assertThat(attached.tumours()).hasSize(5);
                for (var t : attached.tumours()) {
                    var v = truth.voi(t.lesion());
                    assertThat(t.standardDeviation().inGy()).isPositive();
                    if (v.volume().inMl() >= 5) {
                        assertThat(t.mean().inGy())
                                .as(t.lesion())
                                .isCloseTo(
                                        v.dose().inGy(), within(0.10 * v.dose().inGy()));
                    }
                }
                var curves = server.store
                        .records()
                        .get(ClinicalKinds.CYCLE_CURVES, recorded.id())
                        .value()
                        .regions();
                assertThat(curves).hasSize(Voi.STANDARD.size() - 1); // all but the body outline
                assertThat(curves)
                        .allSatisfy(c -> assertThat(c.dvh()).isNotEmpty())
                        .allSatisfy(c -> assertThat(c.measured())
                                .extracting(RegionCurves.CurvePoint::hours)
                                .containsExactly(4.0, 24.0, 96.0, 168.0));
                assertThat(attached.method()).contains("GTM").contains("blood-based");
                // the change is audit-trailed, the recorded figures kept as "before"
                var history = server.store.audit().history(ClinicalKinds.DOSIMETRY.name(), recorded.id());
                assertThat(history)
                        .extracting(AuditEvent::action)
                        .containsExactly(AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE);
                assertThat(history.getLast().actor()).isEqualTo("demo-loader");
            }

            // the cycle page shows the tumours, a DVH per region and the region doses ± SD
            var c = new WebClient(server.base);
            c.signIn("physicist", TestServer.password("physicist"));
            var last = cycles.getLast();
            var page = c.get("/patients/" + last.patientId() + "/dosimetry/"
                    + last.dosimetry().cycle());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("cycle-dvh")
                    .contains("Tumour_liver_1")
                    .contains("Kidney_L");
        }
    }

    private static double mean(org.netra.sim.truth.CycleTruth truth, String... vois) {
        double mass = 0;
        double energy = 0;
        for (String name : vois) {
            var v = truth.voi(name);
            mass += v.mass().inGrams();
            energy += v.dose().inGy() * v.mass().inGrams();
        }
        return energy / mass;
    }
}

package org.netra.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.netra.app.web.TestServer;
import org.netra.clinical.diagnosis.Lesion;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.sim.anatomy.Voi;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.PatientRecord;
import org.netra.store.clinical.StudyRecord;
import org.netra.store.job.JobRows;

/**
 * The demo cohort's two lung-tumour patients: their charts list the tumour, their twins have lungs with the tumour
 * as a VOI (at inflated-lung density around it), every other twin stays without lungs, and the demo queues the
 * Monte Carlo for the lung metastasis's latest cycle behind every kernel job. Nothing is simulated or run: the
 * queue's one worker is held by a job of the test's own while the queue is read.
 */
class DemoLungTwinsTest {
    private static final LocalDate CLINIC_DATE = LocalDate.of(2021, 9, 6);

    /** ICRU 46 inflated lung, g/cm³, written out rather than read from netra-sim. */
    private static final double INFLATED_LUNG_G_PER_ML = 0.26;

    /** A job that holds the worker until the test ends. */
    public record Hold(String why) {}

    @Test
    void theLungTumourPatientsHaveItInTheirChartTheirTwinAndAMonteCarloJobBehindTheOthers() throws Exception {
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var server = TestServer.custom(null, b -> b)) {
            var jobs = server.app.jobs();
            jobs.register("hold", Hold.class, h -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CycleInputException("held by the test: " + h.why());
            });
            jobs.submit(
                    "test", "holds the worker", "hold", new Hold("reading the queue"), TwinDosimetry.OPTIONS.method());
            assertThat(held.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            new SyntheticDemoCohort(2026, 80, CLINIC_DATE).load(server.store, "demo-loader");
            var records = server.store.records();

            for (String id : DemoLungTwins.LUNG_LESION_SITE.keySet()) {
                PatientRecord patient = records.get(ClinicalKinds.PATIENT, id).value();
                // the chart: each diagnostic study lists the lung tumour beside the cohort's lesions
                var studies = records.list(ClinicalKinds.STUDY).stream()
                        .map(s -> s.value())
                        .filter(s -> s.patientId().equals(id))
                        .toList();
                assertThat(studies).isNotEmpty();
                for (StudyRecord s : studies) {
                    assertThat(s.study().lesions())
                            .filteredOn(l -> l.id().equals(DemoLungTwins.LESION_ID))
                            .singleElement()
                            .satisfies(l -> assertThat(l.organ()).startsWith("lung, right lower lobe"));
                }
                // the twin: lungs, and the tumour as a VOI of a few mL inside the right lung
                DosimetryRecord cycle = records.list(ClinicalKinds.DOSIMETRY).stream()
                        .map(s -> s.value())
                        .filter(d -> d.patientId().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(id + " has no recorded cycle"));
                var phantom = TwinDosimetry.phantom(patient, cycle);
                var vois = Voi.of(phantom.spec());
                assertThat(vois.stream().map(Voi::name)).contains("Lung_L", "Lung_R", "Tumour_lung");
                var tumour = phantom.mask(vois.stream()
                        .filter(v -> v.name().equals("Tumour_lung"))
                        .findFirst()
                        .orElseThrow());
                double drawnMl = phantom.spec().lungs().orElseThrow().tumourMl().orElseThrow();
                assertThat(tumour.volume().inMl()).isCloseTo(drawnMl, within(0.35 * drawnMl));
                var rightLung = phantom.mask(vois.stream()
                        .filter(v -> v.name().equals("Lung_R"))
                        .findFirst()
                        .orElseThrow());
                float[] density = phantom.density().voxels();
                double sum = 0;
                for (int i : rightLung.indices()) {
                    sum += density[i];
                }
                assertThat(sum / rightLung.voxelCount()).isCloseTo(INFLATED_LUNG_G_PER_ML, within(0.02));
                // the chart's lesion and the twin's VOI are one tumour: the twin's is in the scans' VOIs the cycle
                // page and the viewer list (TwinDosimetry names them from the same phantom)
                assertThat(TwinDosimetry.twin(patient, cycle).phantom().spec()).isEqualTo(phantom.spec());
            }
            // every other patient: no lung lesion in the chart, no lungs in the twin
            assertThat(records.list(ClinicalKinds.STUDY).stream()
                            .map(s -> s.value())
                            .filter(s -> !DemoLungTwins.hasLungs(s.patientId()))
                            .flatMap(s -> s.study().lesions().stream())
                            .map(Lesion::organ))
                    .isNotEmpty()
                    .noneMatch(o -> o.startsWith("lung"));
            records.list(ClinicalKinds.DOSIMETRY).stream()
                    .map(s -> s.value())
                    .filter(d -> !DemoLungTwins.hasLungs(d.patientId()))
                    .limit(5)
                    .forEach(d -> assertThat(TwinDosimetry.phantom(
                                            records.get(ClinicalKinds.PATIENT, d.patientId())
                                                    .value(),
                                            d)
                                    .spec()
                                    .lungs())
                            .isEmpty());

            // the queue as `netra demo` fills it: a kernel job per recorded cycle, the lung metastasis's latest cycle
            // last and alone, with the Monte Carlo beside the kernel
            int cycles = TwinDosimetry.queueAll(server.store, jobs, "demo-loader");
            var twinRows = server.store.jobs().list().stream()
                    .filter(r -> r.kind().equals(TwinDosimetry.KIND))
                    .toList();
            assertThat(twinRows).hasSize(cycles);
            assertThat(twinRows).allSatisfy(r -> assertThat(r.state()).isEqualTo(JobRows.State.QUEUED));
            var monteCarlo = twinRows.stream()
                    .filter(r -> r.method().startsWith("Monte Carlo"))
                    .toList();
            assertThat(monteCarlo).hasSize(1);
            var last = monteCarlo.getFirst();
            assertThat(twinRows).allSatisfy(r -> assertThat(r.submitted()).isBeforeOrEqualTo(last.submitted()));
            assertThat(last.label())
                    .isEqualTo("netra-sim twin SPECT of SIM-2026-0060, cycle 6, Monte Carlo beside the kernel");
            assertThat(twinRows.stream().filter(r -> r != last))
                    .allSatisfy(r -> assertThat(r.method()).isEqualTo("voxel kernel"))
                    .noneMatch(r -> r.label().contains("SIM-2026-0060, cycle 6"));
            var newest = records.list(ClinicalKinds.DOSIMETRY).stream()
                    .map(s -> s.value())
                    .filter(d -> d.patientId().equals(DemoLungTwins.MONTE_CARLO_PATIENT))
                    .max(Comparator.comparing(
                            (DosimetryRecord d) -> d.dosimetry().date()))
                    .orElseThrow();
            var params = new ObjectMapper().readTree(last.params());
            assertThat(params.get("dosimetryRecordId").asText()).isEqualTo(newest.id());
            assertThat(TwinDosimetry.monteCarloCycle(server.store).orElseThrow().id())
                    .isEqualTo(newest.id());
            assertThat(params.get("monteCarlo").get("targetPercent").asText()).isEqualTo("3");
            assertThat(params.get("monteCarlo").get("timeLimit").asText()).isEqualTo("10m");
            // the cycle it measures is the one the demo has on its date: cycle 6 of 7, two weeks before
            assertThat(newest.dosimetry().cycle()).isEqualTo(6);
        } finally {
            // after the server's end (its queue interrupts the held worker), so no twin job starts
            release.countDown();
        }
    }
}

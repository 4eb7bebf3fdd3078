package org.netra.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.Studies;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.DosimetryRecord;

/**
 * A demo twin's study that nobody has simulated yet opens at once with only its CT and the simulation's progress;
 * when the simulation ends it is the study the cycle's dosimetry job reads (simulated again here without the
 * viewer, the independent reference), and the CT shown while waiting was that study's CT.
 */
class TwinStudiesOpeningTest {
    @Test
    void anUnsimulatedCycleShowsItsExactCtUntilItsScansAreTheDosimetrysOwn(@TempDir Path kept) {
        try (var store = Store.open(StoreConfig.inMemory("twin-opening-" + UUID.randomUUID()))) {
            new SyntheticDemoCohort(2026, 6, LocalDate.of(2021, 9, 6)).load(store, "demo-loader");
            var cache = TwinScanCache.in(kept, 1L << 30);
            var studies = new TwinStudies(() -> store, cache);
            // the list is newest cycle first, its scans at 4, 24, 96 and 168 h: the second is the newest's 24 h
            DosimetryRecord newest = store.records().list(ClinicalKinds.DOSIMETRY).stream()
                    .map(r -> r.value())
                    .max(Comparator.comparing(
                            (DosimetryRecord d) -> d.dosimetry().date()))
                    .orElseThrow();
            var patient = store.records()
                    .get(ClinicalKinds.PATIENT, newest.patientId())
                    .value();
            Studies.Study study = studies.list().get(1);
            assertThat(study.title()).contains("cycle " + newest.dosimetry().cycle(), "SPECT/CT 24 h");

            var first = studies.open(study.id()).orElseThrow();
            assertThat(first).isInstanceOf(Studies.Simulating.class);
            var simulating = (Studies.Simulating) first;
            assertThat(simulating.title()).isEqualTo(study.title());
            assertThat(simulating.percent()).isBetween(0, 99);
            assertThat(simulating.step()).isNotBlank();

            // waits for the simulation the open started (not a second one)
            Scene scene = studies.scene(study.id()).orElseThrow();
            assertThat(studies.open(study.id()).orElseThrow()).isEqualTo(new Studies.Opened(scene));
            assertThat(simulating.ct().geometry()).isEqualTo(scene.emission().geometry());
            assertThat(simulating.ct().voxels())
                    .as("the CT shown while simulating is the study's own, voxel for voxel")
                    .isEqualTo(scene.ct().orElseThrow().voxels());

            // the dosimetry job's scans, simulated without the viewer: the viewer's are these, bit for bit
            var direct = TwinDosimetry.scans(patient, newest, TwinScanCache.none());
            assertThat(scene.emission().voxels())
                    .isEqualTo(direct.images().get(1).voxels());
            assertThat(cache.holds(TwinDosimetry.cacheKey(patient, newest))).isTrue();
            assertThat(cache.read(TwinDosimetry.cacheKey(patient, newest))
                            .orElseThrow()
                            .images()
                            .get(3)
                            .voxels())
                    .isEqualTo(direct.images().get(3).voxels());

            // a restarted server: the kept cycle opens directly, without a simulation page
            var restarted = new TwinStudies(() -> store, cache);
            var again = restarted.open(studies.list().get(3).id()).orElseThrow();
            assertThat(again).isInstanceOf(Studies.Opened.class);
            assertThat(((Studies.Opened) again).scene().emission().voxels())
                    .isEqualTo(direct.images().get(3).voxels());
            // an unknown study is none
            assertThat(studies.open("twin-no-such-cycle-24h")).isEmpty();
        }
    }

    @Test
    void theViewerAndADosimetryJobAskingAtOnceShareOneSimulationEachWithItsOwnVoxels() throws Exception {
        try (var store = Store.open(StoreConfig.inMemory("twin-shared-" + UUID.randomUUID()))) {
            new SyntheticDemoCohort(2026, 6, LocalDate.of(2021, 9, 6)).load(store, "demo-loader");
            DosimetryRecord cycle =
                    store.records().list(ClinicalKinds.DOSIMETRY).getFirst().value();
            var patient = store.records()
                    .get(ClinicalKinds.PATIENT, cycle.patientId())
                    .value();
            var steps = new java.util.concurrent.ConcurrentLinkedQueue<String>();
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<TwinScanCache.CycleScans> ask = () -> {
                start.await();
                return TwinDosimetry.scans(patient, cycle, TwinScanCache.none(), (percent, what) -> steps.add(what));
            };
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var first = pool.submit(ask);
                var second = pool.submit(ask);
                start.countDown();
                var a = first.get();
                var b = second.get();
                assertThat(steps).as("one waited for the other's simulation").anyMatch(s -> s.startsWith("waiting"));
                assertThat(steps.stream().filter(s -> s.startsWith("building the twin")))
                        .as("one twin built")
                        .hasSize(1);
                for (int scan = 0; scan < a.images().size(); scan++) {
                    assertThat(a.images().get(scan).voxels())
                            .isEqualTo(b.images().get(scan).voxels());
                    assertThat(a.images().get(scan).voxels())
                            .isNotSameAs(b.images().get(scan).voxels());
                    assertThat(a.cts().get(scan).voxels())
                            .isNotSameAs(b.cts().get(scan).voxels());
                }
            }
        }
    }
}

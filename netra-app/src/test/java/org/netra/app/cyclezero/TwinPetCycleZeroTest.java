package org.netra.app.cyclezero;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.app.viewer.FolderStudies;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.sim.export.TwinWriter;
import org.netra.sim.spect.SpectSettings;
import org.netra.sim.twin.DiagnosticWorkup;
import org.netra.sim.twin.DigitalTwin;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.CycleZeroRecord;

/**
 * End to end on a twin: its simulated 68Ga PET (6 mm FWHM, 60 min) written as DICOM with the phantom's VOIs as an
 * RTSTRUCT, held by netra as a study, its kidneys, spleen and tumours measured ({@link PetRegionSuvs}) against the
 * SUVmeans the twin was drawn with, and a virtual cycle 0 predicted from them that says it was measured.
 */
class TwinPetCycleZeroTest {
    @Test
    void aTwinsPetStudyGivesItsVirtualCycleZero(@TempDir Path dir) throws Exception {
        var twin = DigitalTwin.simulate(21, 1, SpectSettings.DEFAULTS, true);
        TwinWriter.write(twin, dir.resolve("twin"));
        // a held study: the PET series under image/, the VOIs (drawn on the twin's CT, one frame) under mask/
        Path study = dir.resolve("held").resolve("twin-21-ga68-pet");
        Files.createDirectories(study.resolve("image"));
        Files.createDirectories(study.resolve("mask"));
        try (Stream<Path> files =
                Files.list(dir.resolve("twin").resolve("diagnostic").resolve("pet-060min"))) {
            for (Path f : files.toList()) {
                Files.copy(f, study.resolve("image").resolve(f.getFileName()));
            }
        }
        Files.copy(
                dir.resolve("twin").resolve("rtstruct.dcm"),
                study.resolve("mask").resolve("rtstruct.dcm"));
        var held = FolderStudies.scan(dir.resolve("held"));
        String id = held.list().getFirst().id();
        var measured = PetRegionSuvs.measure(held.scene(id).orElseThrow(), RoleRules.DEFAULT);

        DiagnosticWorkup workup = twin.diagnostic().orElseThrow();
        Map<String, Double> truth = new java.util.HashMap<>();
        workup.truth().forEach(f -> truth.put(f.voi(), f.petSuvMean()));
        System.out.println("truth " + truth);
        System.out.printf(
                Locale.ROOT,
                "measured kidneys %s spleen %s tumours %s%n",
                measured.kidneys(),
                measured.spleen(),
                measured.tumours());
        // the two kidneys are drawn with one SUV (their cortex VOIs are parts, another role)
        double kidneyTruth = (truth.get("Kidney_L") + truth.get("Kidney_R")) / 2;
        // 6 mm PET: the kidneys and spleen lose a little at their edges (partial volume, about −9 % and −8 % on this
        // twin); within 15 %, and below the truth (a measurement that found more than was there would be wrong)
        assertThat(measured.kidneys().orElseThrow())
                .isCloseTo(kidneyTruth, org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(measured.spleen().orElseThrow())
                .isCloseTo(truth.get("Spleen"), org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(measured.kidneys().orElseThrow()).isLessThan(kidneyTruth);
        assertThat(measured.spleen().orElseThrow()).isLessThan(truth.get("Spleen"));
        assertThat(measured.tumours())
                .containsOnlyKeys(truth.keySet().stream()
                        .filter(n -> n.startsWith("Tumour"))
                        .toArray(String[]::new));

        try (var store = Store.open(StoreConfig.inMemory("twin-pet-" + UUID.randomUUID()))) {
            CycleZeroRecord record = new VirtualCycleZero(store.records())
                    .predict("P-21", "P-21/prrt-1", LocalDate.of(2026, 1, 26), measured, 4);
            assertThat(record.suvSource()).startsWith("measured on").contains("Spleen");
            assertThat(record.kidneys().petSuvMean())
                    .isEqualTo(measured.kidneys().orElseThrow());
            assertThat(record.regions()).hasSize(2 + measured.tumours().size());
            assertThat(record.proposedGBq()).isPositive();
        }
    }
}

package org.netra.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.dosimetry.population.DepartmentPopulationModel;
import org.netra.dosimetry.population.RegionKind;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Times;
import org.netra.store.record.Change;
import org.netra.store.record.ConcurrentEditException;

/** The population model refit from stored cycles: read from the store, fitted, saved as a versioned audited setting. */
abstract class PopulationModelBookContract extends OnFreshStore {

    /** 40 patients × 2 cycles, kidneys (T_eff 50 h, ω 0.2) and one lesion each, stored as the pipeline stores them. */
    private void storeCohort() {
        Random rng = new Random(11);
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String pid = String.format("P-%04d", i);
            double eta = 0.2 * rng.nextGaussian();
            double kidneyLevel = Math.log(0.5) + 0.3 * rng.nextGaussian();
            for (int c = 1; c <= 2; c++) {
                double rate = Math.log(2) / 50 * Math.exp(eta + 0.1 * rng.nextGaussian());
                double[] hours = {4, 24, 96, 168};
                double[] kidney = new double[4];
                double[] lesion = new double[4];
                for (int k = 0; k < 4; k++) {
                    kidney[k] = 150 * Math.exp(-rate * hours[k] + 0.08 * rng.nextGaussian());
                    lesion[k] = 20 * Math.exp(-Math.log(2) / 80 * hours[k] + 0.1 * rng.nextGaussian());
                }
                double gyPerGBq = Math.exp(kidneyLevel + 0.15 * rng.nextGaussian());
                var d = new DosimetryRecord(
                        ClinicalKinds.key(pid, "prrt-1", "cycle-" + c),
                        pid,
                        ClinicalKinds.key(pid, "prrt-1"),
                        new CycleDosimetry(
                                c,
                                LocalDate.of(2026, 1, 5).plusWeeks(8L * c),
                                Activity.ofGBq(7.4),
                                AbsorbedDose.ofGy(7.4 * gyPerGBq),
                                Times.ofHours(Math.log(2) / rate),
                                Optional.empty(),
                                AbsorbedDose.ofGy(0.15)),
                        List.of(),
                        "SPECT/CT 4/24/96/168 h");
                var curves = new CycleCurves(
                        d.id(),
                        pid,
                        List.of(
                                new RegionCurves(
                                        "Kidney_L",
                                        "mono-exponential",
                                        "",
                                        RegionCurves.points(hours, kidney),
                                        List.of()),
                                new RegionCurves(
                                        "lesion1",
                                        "mono-exponential",
                                        "",
                                        RegionCurves.points(hours, lesion),
                                        List.of())));
                changes.add(new Change.Create<>(ClinicalKinds.DOSIMETRY, d));
                changes.add(new Change.Create<>(ClinicalKinds.CYCLE_CURVES, curves));
            }
        }
        store.records().inOneTransaction(changes, "importer");
    }

    @Test
    void refitReadsStoredCyclesAndSavesAVersionedAuditedModel() {
        var book = new PopulationModelBook(store.records());
        assertThat(book.current().version()).isZero();
        assertThat(book.current().value().model()).isEqualTo(DepartmentPopulationModel.PUBLISHED);
        storeCohort();

        var refit = book.refit(0, "physicist");
        assertThat(refit.saved().version()).isEqualTo(1);
        DepartmentPopulationModel model = book.current().value().model();
        assertThat(model).isEqualTo(refit.saved().value().model());
        var kidney = model.clearances().stream()
                .filter(c -> c.region() == RegionKind.KIDNEY)
                .findFirst()
                .orElseThrow();
        assertThat(kidney.patients()).isEqualTo(40);
        assertThat(kidney.cycles()).isEqualTo(80);
        assertThat(kidney.scans()).isEqualTo(240);
        assertThat(Times.hours(kidney.typicalEffectiveHalfLife())).isCloseTo(50, within(5.0));
        assertThat(refit.regions()).containsKeys(RegionKind.KIDNEY, RegionKind.TUMOUR);
        // 40 patients, 80 cycles: the department's values are in force for the kidney
        assertThat(model.priorFor(RegionKind.KIDNEY).source()).contains("department NLME fit");
        assertThat(model.priorFor(RegionKind.SPLEEN).source()).doesNotContain("department");
        assertThat(model.kidneyDoseInForce().typicalGyPerGBq()).isCloseTo(0.5, within(0.08));

        assertThatThrownBy(() -> book.refit(0, "admin")).isInstanceOf(ConcurrentEditException.class);
        var level = book.saveRiskLevel(1, 0.10, "physicist");
        assertThat(level.version()).isEqualTo(2);
        assertThat(book.current().value().riskLevel()).isEqualTo(0.10);
        assertThat(book.current().value().model()).isEqualTo(model);
        assertThat(store.audit().history(ClinicalKinds.POPULATION_MODEL.name(), PopulationModelSettings.ID))
                .hasSize(2);
        assertThatThrownBy(() -> book.saveRiskLevel(2, 0.9, "physicist"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("riskLevel");
    }

    @Test
    void regionNamesMapToKinds() {
        assertThat(PopulationModelBook.kindOf("Kidney_L")).contains(RegionKind.KIDNEY);
        assertThat(PopulationModelBook.kindOf("lesion 3")).contains(RegionKind.TUMOUR);
        assertThat(PopulationModelBook.kindOf("Spleen")).contains(RegionKind.SPLEEN);
        assertThat(PopulationModelBook.kindOf("normal liver")).contains(RegionKind.LIVER);
        assertThat(PopulationModelBook.kindOf("Kidney_L_cortex")).isEmpty();
        assertThat(PopulationModelBook.kindOf("bladder")).isEmpty();
    }
}

package org.netra.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.PlanRules;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;
import org.netra.store.Store;
import org.netra.store.StoreConfig;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CourseRecord;
import org.netra.store.clinical.DosimetryRecord;
import org.netra.store.clinical.LabPanel;
import org.netra.store.clinical.PatientRecord;

class NextCycleCommandTest {
    @TempDir
    Path dir;

    private static final LocalDate C1 = LocalDate.of(2025, 1, 6);

    /**
     * Four cycles at 0.72 Gy/GBq kidney, T_eff 50 h: BED per cycle 5.328·(1 + 5.328·2.8/(2.6·52.8)) = 5.9070 Gy,
     * 23.63 Gy after four; the 3.37 Gy left allow 3.17 Gy → 4.40 GBq: adjust, limited by the kidney.
     */
    @Test
    void decidesFromTheDatabaseAndSavesWithAnActor() throws Exception {
        try (var store = Store.open(StoreConfig.embedded(dir))) {
            var r = store.records();
            var p = new Patient(
                    "P-9",
                    Sex.FEMALE,
                    LocalDate.of(1958, 3, 1),
                    List.of(new Dated<>(C1.minusDays(3), Mass.ofKg(70))),
                    List.of());
            r.create(
                    ClinicalKinds.PATIENT,
                    new PatientRecord(
                            p,
                            "",
                            new PrimaryTumour(TumourSite.PANCREAS, Grade.G2, Optional.empty()),
                            List.of(),
                            List.of(),
                            Optional.of(false),
                            false),
                    "t");
            r.create(ClinicalKinds.LAB_PANEL, panel("base", C1.minusDays(5)), "t");
            r.create(ClinicalKinds.LAB_PANEL, panel("late", C1.plusWeeks(31)), "t");
            var plan = PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, C1.atTime(9, 0), PlanRules.DEFAULTS);
            r.create(ClinicalKinds.COURSE, new CourseRecord("P-9/prrt-1", "P-9", plan), "t");
            for (int c = 1; c <= 4; c++) {
                r.create(
                        ClinicalKinds.DOSIMETRY,
                        new DosimetryRecord(
                                "P-9/prrt-1/cycle-" + c,
                                "P-9",
                                "P-9/prrt-1",
                                new CycleDosimetry(
                                        c,
                                        C1.plusWeeks(8L * (c - 1)),
                                        Activity.ofGBq(7.4),
                                        AbsorbedDose.ofGy(0.72 * 7.4),
                                        Duration.ofHours(50),
                                        Optional.empty(),
                                        AbsorbedDose.ofGy(0.15)),
                                List.of(),
                                "test"),
                        "t");
            }
        }
        String[] base = {
            "next-cycle",
            "--data-dir",
            dir.toString(),
            "--patient",
            "P-9",
            "--course",
            "P-9/prrt-1",
            "--as-of",
            C1.plusWeeks(31).toString()
        };
        var text = NuclideCommandTest.run(base);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("cycle 5", "ADJUST to 4.40 GBq", "limited by kidney");

        var noActor = NuclideCommandTest.run(concat(base, "--save"));
        assertThat(noActor.exit()).isEqualTo(2);
        assertThat(noActor.err()).contains("--actor");

        var saved = NuclideCommandTest.run(concat(base, "--save", "--actor", "dr.berg", "--json"));
        assertThat(saved.exit()).as(saved.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(saved.out());
        assertThat(j.at("/decision/type").asText()).isEqualTo("adjust");
        assertThat(j.at("/decision/activity/becquerels").asDouble() / 1e9).isBetween(4.39, 4.41);
        try (var store = Store.open(StoreConfig.embedded(dir))) {
            assertThat(store.records()
                            .get(ClinicalKinds.DECISION, "P-9/prrt-1/decision-5")
                            .updatedBy())
                    .isEqualTo("dr.berg");
            assertThat(store.audit().history("cycle_decision", "P-9/prrt-1/decision-5"))
                    .hasSize(1);
        }
        var unknown =
                NuclideCommandTest.run("next-cycle", "--data-dir", dir.toString(), "--patient", "P-0", "--course", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("P-0");
    }

    private static LabPanel panel(String id, LocalDate day) {
        return new LabPanel(
                "P-9/lab-" + id,
                "P-9",
                List.of(
                        new LabResult(Analyte.HAEMOGLOBIN, 12.5, day),
                        new LabResult(Analyte.PLATELETS, 180, day),
                        new LabResult(Analyte.WHITE_BLOOD_CELLS, 5.0, day),
                        new LabResult(Analyte.NEUTROPHILS, 3.0, day),
                        new LabResult(Analyte.CREATININE, 75, day)));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

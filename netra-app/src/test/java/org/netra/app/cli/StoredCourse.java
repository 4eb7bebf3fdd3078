package org.netra.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

/**
 * A stored PRRT course for the next-cycle tests: a woman of 70 kg with a label plan from {@code cycle1} (4 × 7.4
 * GBq every 8 weeks), the dosimetry of the cycles given (kidney {@code kidneyGyPerGBq}, T_eff 50 h, marrow
 * 0.15 Gy each), and a normal blood count on each lab day with that day's creatinine (µmol/L).
 */
record StoredCourse(
        String patientId,
        LocalDate born,
        LocalDate cycle1,
        int given,
        double kidneyGyPerGBq,
        Map<LocalDate, Double> creatinine) {
    String courseId() {
        return patientId + "/prrt-1";
    }

    /** Writes it into the embedded database in {@code dir}. */
    void store(Path dir) {
        try (var store = Store.open(StoreConfig.embedded(dir))) {
            var r = store.records();
            var p = new Patient(
                    patientId, Sex.FEMALE, born, List.of(new Dated<>(cycle1.minusDays(5), Mass.ofKg(70))), List.of());
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
            new TreeMap<>(creatinine)
                    .forEach((day, value) -> r.create(ClinicalKinds.LAB_PANEL, panel(day, value), "t"));
            var plan = PrrtPlan.label(Radiopharmaceutical.LU177_DOTATATE, cycle1.atTime(9, 0), PlanRules.DEFAULTS);
            r.create(ClinicalKinds.COURSE, new CourseRecord(courseId(), patientId, plan), "t");
            for (int c = 1; c <= given; c++) {
                r.create(
                        ClinicalKinds.DOSIMETRY,
                        new DosimetryRecord(
                                courseId() + "/cycle-" + c,
                                patientId,
                                courseId(),
                                new CycleDosimetry(
                                        c,
                                        cycle1.plusWeeks(8L * (c - 1)),
                                        Activity.ofGBq(7.4),
                                        AbsorbedDose.ofGy(kidneyGyPerGBq * 7.4),
                                        Duration.ofHours(50),
                                        Optional.empty(),
                                        AbsorbedDose.ofGy(0.15)),
                                List.of(),
                                "test"),
                        "t");
            }
        }
    }

    private LabPanel panel(LocalDate day, double creatinineUmolPerL) {
        return new LabPanel(
                patientId + "/lab-" + day,
                patientId,
                List.of(
                        new LabResult(Analyte.HAEMOGLOBIN, 12.5, day),
                        new LabResult(Analyte.PLATELETS, 180, day),
                        new LabResult(Analyte.WHITE_BLOOD_CELLS, 5.0, day),
                        new LabResult(Analyte.NEUTROPHILS, 3.0, day),
                        new LabResult(Analyte.CREATININE, creatinineUmolPerL, day)));
    }
}

package org.netra.interop.fhir;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.followup.CtcaeTerm;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Dated;
import org.netra.clinical.patient.Grade;
import org.netra.clinical.patient.Ki67;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.clinical.patient.Length;
import org.netra.clinical.patient.Patient;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.patient.PrimaryTumour;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.patient.TumourSite;
import org.netra.clinical.therapy.PlannedCycle;
import org.netra.clinical.therapy.PrrtPlan;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Mass;

/** A patient record as a referring centre would send it: every kind of item, several of each. */
public final class Records {
    private Records() {}

    /** The study and series UIDs of the real 177Lu SPECT scan in shared/data (SCAN_001). */
    public static ReferralRecord referral(String patientId, List<ReferralRecord.StudyReference> imaging) {
        LocalDate d0 = LocalDate.of(2018, 10, 1);
        List<LabResult> labs = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            LocalDate d = d0.plusWeeks(8L * w);
            labs.add(LabResult.of(Analyte.HAEMOGLOBIN, 12.9 - 0.4 * w, LabUnit.G_PER_DL, d));
            labs.add(LabResult.of(Analyte.PLATELETS, 231 - 40 * w, LabUnit.PER_NL, d));
            labs.add(LabResult.of(Analyte.WHITE_BLOOD_CELLS, 6.1 - 0.7 * w, LabUnit.PER_NL, d));
            labs.add(LabResult.of(Analyte.NEUTROPHILS, 3.9 - 0.5 * w, LabUnit.PER_NL, d));
            labs.add(LabResult.of(Analyte.LYMPHOCYTES, 1.4 - 0.35 * w, LabUnit.PER_NL, d));
            labs.add(LabResult.of(Analyte.CREATININE, 78 + 3 * w, LabUnit.UMOL_PER_L, d));
            labs.add(LabResult.of(Analyte.EGFR, 84 - 2 * w, LabUnit.ML_PER_MIN_1_73M2, d));
        }
        labs.add(LabResult.of(Analyte.CREATININE_CLEARANCE, 96, LabUnit.ML_PER_MIN, d0));
        Patient patient = new Patient(
                patientId,
                Sex.FEMALE,
                LocalDate.of(1957, 3, 14),
                List.of(new Dated<>(d0, Mass.ofKg(71.5)), new Dated<>(d0.plusWeeks(8), Mass.ofKg(70.2))),
                List.of(new Dated<>(d0, Length.ofCm(168))));
        LocalDateTime first = LocalDateTime.of(2018, 11, 15, 9, 22);
        List<PlannedCycle> cycles = new ArrayList<>();
        for (int c = 1; c <= 4; c++) {
            cycles.add(new PlannedCycle(c, first.plusWeeks(8L * (c - 1)), Activity.ofMBq(7400), List.of()));
        }
        return new ReferralRecord(
                patient,
                "Åse Solberg",
                Optional.of(new PrimaryTumour(
                        TumourSite.PANCREAS, Grade.G2, Optional.of(new Ki67(8.5, d0.minusMonths(2))))),
                new LabHistory(labs),
                List.of(
                        new Dated<>(d0, new PerformanceStatus.Ecog(1)),
                        new Dated<>(d0.plusWeeks(8), new PerformanceStatus.Karnofsky(80))),
                List.of(new Dated<>(d0.minusWeeks(3), KrenningScore.ABOVE_SPLEEN_KIDNEYS)),
                imaging,
                List.of(
                        new ReferralRecord.Administration(
                                1, first, Radiopharmaceutical.LU177_DOTATATE, Activity.ofMBq(7210)),
                        new ReferralRecord.Administration(
                                2, first.plusWeeks(8), Radiopharmaceutical.LU177_DOTATATE, Activity.ofMBq(7400))),
                Optional.of(new PrrtPlan(Radiopharmaceutical.LU177_DOTATATE, PrrtPlan.Schedule.LABEL, cycles)),
                List.of(
                        new ReferralRecord.AdverseEvent(
                                CtcaeTerm.LYMPHOCYTE_COUNT_DECREASED, CtcaeGrade.G2, d0.plusWeeks(16)),
                        new ReferralRecord.AdverseEvent(
                                CtcaeTerm.PLATELET_COUNT_DECREASED, CtcaeGrade.G1, d0.plusWeeks(16))));
    }

    public static ReferralRecord.StudyReference spectStudy() {
        return new ReferralRecord.StudyReference(
                "1.2.3.4.5.6.7.8.9",
                LocalDateTime.of(2018, 11, 15, 13, 5, 12),
                "177Lu SPECT/CT 4 h",
                List.of(new ReferralRecord.SeriesReference("1.2.3.4.5.6.7.8.9.1", "PT", 3, 199)));
    }
}

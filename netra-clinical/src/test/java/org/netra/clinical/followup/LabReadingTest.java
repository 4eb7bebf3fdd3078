package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.LabResult;
import org.netra.clinical.patient.LabUnit;
import org.netra.clinical.patient.Sex;

class LabReadingTest {
    /**
     * By hand, CKD-EPI 2021 (Inker et al. 2021), a woman of 63 with creatinine 0.9 mg/dL:
     * 142 × (0.9/0.7)^−1.200 × 0.9938^63 × 1.012 = 71.83 mL/min/1.73 m² → CTCAE CKD G1 (&lt; 90, ≥ 60).
     * Platelets 70 ×10⁹/L: G2; albumin 38 g/L is above the LLN (35): hypoalbuminaemia G0; chromogranin A has
     * no CTCAE grade (shown without one).
     */
    @Test
    void aDrawIsGradedAndTheEgfrComesFromTheCreatinine() {
        var day = LocalDate.of(2024, 5, 2);
        var reading = LabReading.withDefaults()
                .read(
                        List.of(
                                LabResult.of(Analyte.CREATININE, 0.9, LabUnit.MG_PER_DL_CREATININE, day),
                                LabResult.of(Analyte.PLATELETS, 70, LabUnit.PER_NL, day),
                                LabResult.of(Analyte.ALBUMIN, 38, LabUnit.G_PER_L_ALBUMIN, day),
                                LabResult.of(Analyte.CHROMOGRANIN_A, 250, LabUnit.UG_PER_L, day)),
                        Sex.FEMALE,
                        LocalDate.of(1961, 4, 12));
        var kidney = reading.kidney().orElseThrow();
        assertThat(kidney.egfr().mlPerMinPer173m2()).isCloseTo(71.834, within(0.001));
        assertThat(kidney.ckdGrade()).isEqualTo(CtcaeGrade.G1);
        assertThat(reading.values().get(1).grade()).hasValue(CtcaeGrade.G2);
        assertThat(reading.values().get(2).term()).hasValue(CtcaeTerm.HYPOALBUMINAEMIA);
        assertThat(reading.values().get(2).grade()).hasValue(CtcaeGrade.G0);
        assertThat(reading.values().get(3).term()).isEmpty();
        assertThat(reading.values().get(3).grade()).isEmpty();
    }
}

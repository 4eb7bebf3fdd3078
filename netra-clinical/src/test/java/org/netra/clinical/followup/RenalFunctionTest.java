package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netra.clinical.patient.Sex;
import org.netra.physics.quantity.Mass;

class RenalFunctionTest {
    /**
     * CKD-EPI 2021 (Inker et al., N Engl J Med 2021;385:1737, race-free creatinine equation), the expected
     * values computed independently from the published equation in Python (mg/dL inputs; µmol/L = ×88.4).
     * Cases cover both branches of min/max(Scr/κ, 1) and both sexes; Scr = κ hits the knee exactly.
     */
    @ParameterizedTest(name = "Scr {0} mg/dL, {1} y, {2} → {3}")
    @CsvSource({
        "1.0, 50, MALE,   91.6914786098333",
        "0.7, 60, FEMALE, 98.94831465668567",
        "2.0, 70, MALE,   35.24299672901596",
        "0.5, 40, FEMALE, 121.51934217125232",
        "1.5, 65, FEMALE, 38.43363847594704"
    })
    void ckdEpi2021MatchesThePublishedEquation(double scrMgDl, int age, Sex sex, double expected) {
        double egfr = RenalFunction.ckdEpi2021(scrMgDl * 88.4, age, sex).mlPerMinPer173m2();
        assertThat(egfr).isCloseTo(expected, within(1e-9));
    }

    @Test
    void ckdEpiAtTheKneeIsTheAgeAndSexTerm() {
        // Scr = κ: both ratio terms are 1, eGFR = 142 × 0.9938^age (× 1.012 for women)
        assertThat(RenalFunction.ckdEpi2021(0.9 * 88.4, 40, Sex.MALE).mlPerMinPer173m2())
                .isCloseTo(142 * Math.pow(0.9938, 40), within(1e-9));
    }

    @Test
    void cockcroftGaultByHand() {
        // woman, 64 y, 70 kg, creatinine 80 µmol/L = 0.90498 mg/dL:
        // (140 − 64) × 70 / (72 × 0.904977) × 0.85 = 5320 / 65.1584 × 0.85 = 69.400 mL/min
        double crcl =
                RenalFunction.cockcroftGault(80, 64, Mass.ofKg(70), Sex.FEMALE).mlPerMin();
        assertThat(crcl).isCloseTo(69.4001, within(1e-3));
        // man, 40 y, 72 kg, 1 mg/dL: (100 × 72)/(72 × 1) = 100 mL/min exactly
        assertThat(RenalFunction.cockcroftGault(88.4, 40, Mass.ofKg(72), Sex.MALE)
                        .mlPerMin())
                .isCloseTo(100, within(1e-9));
    }
}

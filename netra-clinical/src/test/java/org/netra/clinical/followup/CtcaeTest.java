package org.netra.clinical.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netra.clinical.patient.Sex;

/** Boundaries from the CTCAE v5.0 tables (NCI 2017), with the default LLN/ULN of {@link ReferenceRanges}. */
class CtcaeTest {
    private final Ctcae ctcae = Ctcae.withDefaults();

    @ParameterizedTest(name = "{0} {1} → G{2}")
    @CsvSource({
        // anaemia, Hb g/dL, LLN 12.0 (female): <LLN–10.0 G1, <10.0–8.0 G2, <8.0 G3
        "ANAEMIA, 12.0, 0",
        "ANAEMIA, 11.9, 1",
        "ANAEMIA, 10.0, 1",
        "ANAEMIA, 9.99, 2",
        "ANAEMIA, 8.0, 2",
        "ANAEMIA, 7.99, 3",
        "ANAEMIA, 4.0, 3",
        // platelets ×10⁹/L, LLN 150: <LLN–75 G1, <75–50 G2, <50–25 G3, <25 G4
        "PLATELET_COUNT_DECREASED, 150, 0",
        "PLATELET_COUNT_DECREASED, 149, 1",
        "PLATELET_COUNT_DECREASED, 75, 1",
        "PLATELET_COUNT_DECREASED, 74.9, 2",
        "PLATELET_COUNT_DECREASED, 50, 2",
        "PLATELET_COUNT_DECREASED, 49.9, 3",
        "PLATELET_COUNT_DECREASED, 25, 3",
        "PLATELET_COUNT_DECREASED, 24.9, 4",
        // neutrophils: <LLN–1.5, <1.5–1.0, <1.0–0.5, <0.5
        "NEUTROPHIL_COUNT_DECREASED, 1.5, 1",
        "NEUTROPHIL_COUNT_DECREASED, 1.49, 2",
        "NEUTROPHIL_COUNT_DECREASED, 1.0, 2",
        "NEUTROPHIL_COUNT_DECREASED, 0.99, 3",
        "NEUTROPHIL_COUNT_DECREASED, 0.5, 3",
        "NEUTROPHIL_COUNT_DECREASED, 0.49, 4",
        // WBC: <LLN–3.0, <3.0–2.0, <2.0–1.0, <1.0
        "WHITE_BLOOD_CELL_DECREASED, 3.0, 1",
        "WHITE_BLOOD_CELL_DECREASED, 2.99, 2",
        "WHITE_BLOOD_CELL_DECREASED, 2.0, 2",
        "WHITE_BLOOD_CELL_DECREASED, 1.99, 3",
        "WHITE_BLOOD_CELL_DECREASED, 0.99, 4",
        // lymphocytes: <LLN–0.8, <0.8–0.5, <0.5–0.2, <0.2
        "LYMPHOCYTE_COUNT_DECREASED, 0.8, 1",
        "LYMPHOCYTE_COUNT_DECREASED, 0.79, 2",
        "LYMPHOCYTE_COUNT_DECREASED, 0.5, 2",
        "LYMPHOCYTE_COUNT_DECREASED, 0.49, 3",
        "LYMPHOCYTE_COUNT_DECREASED, 0.2, 3",
        "LYMPHOCYTE_COUNT_DECREASED, 0.19, 4",
        // CKD eGFR: <LLN(90)–60 G1, 59–30 G2, 29–15 G3, <15 G4
        "CHRONIC_KIDNEY_DISEASE, 90, 0",
        "CHRONIC_KIDNEY_DISEASE, 60, 1",
        "CHRONIC_KIDNEY_DISEASE, 59, 2",
        "CHRONIC_KIDNEY_DISEASE, 30, 2",
        "CHRONIC_KIDNEY_DISEASE, 29, 3",
        "CHRONIC_KIDNEY_DISEASE, 15, 3",
        "CHRONIC_KIDNEY_DISEASE, 14.9, 4"
    })
    void boundaries(CtcaeTerm term, double value, int grade) {
        assertThat(ctcae.grade(term, value, Optional.empty(), Sex.FEMALE).number())
                .isEqualTo(grade);
    }

    @ParameterizedTest(name = "creatinine {0} (baseline {1}) → G{2}")
    @CsvSource({
        // ULN 90 µmol/L (female): >ULN–1.5×ULN G1, >1.5–3.0×ULN G2, >3.0–6.0×ULN G3, >6.0×ULN G4
        "90, 0, 0",
        "91, 0, 1",
        "135, 0, 1",
        "136, 0, 2",
        "270, 0, 2",
        "271, 0, 3",
        "540, 0, 3",
        "541, 0, 4",
        // baseline: >1.5–3.0×baseline G2, >3.0×baseline G3, whichever is worse
        "80, 50, 2",
        "75, 50, 0",
        "151, 50, 3",
        "100, 60, 2"
    })
    void creatinineIncreasedAgainstUlnAndBaseline(double value, double baseline, int grade) {
        var b = baseline == 0 ? Optional.<Double>empty() : Optional.of(baseline);
        assertThat(ctcae.grade(CtcaeTerm.CREATININE_INCREASED, value, b, Sex.FEMALE)
                        .number())
                .isEqualTo(grade);
    }
}

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
        "CHRONIC_KIDNEY_DISEASE, 14.9, 4",
        // hypoalbuminaemia, g/L, LLN 35: <LLN–30 G1, <30–20 G2, <20 G3
        "HYPOALBUMINAEMIA, 35, 0",
        "HYPOALBUMINAEMIA, 34.9, 1",
        "HYPOALBUMINAEMIA, 30, 1",
        "HYPOALBUMINAEMIA, 29.9, 2",
        "HYPOALBUMINAEMIA, 20, 2",
        "HYPOALBUMINAEMIA, 19.9, 3",
        // bilirubin µmol/L, ULN 21: >ULN–1.5×ULN G1, >1.5–3.0×ULN G2, >3.0–10.0×ULN G3, >10.0×ULN G4
        "BLOOD_BILIRUBIN_INCREASED, 21, 0",
        "BLOOD_BILIRUBIN_INCREASED, 21.1, 1",
        "BLOOD_BILIRUBIN_INCREASED, 31.5, 1",
        "BLOOD_BILIRUBIN_INCREASED, 31.6, 2",
        "BLOOD_BILIRUBIN_INCREASED, 63, 2",
        "BLOOD_BILIRUBIN_INCREASED, 63.1, 3",
        "BLOOD_BILIRUBIN_INCREASED, 210, 3",
        "BLOOD_BILIRUBIN_INCREASED, 210.1, 4",
        // ALT U/L, ULN 40: >ULN–3.0×ULN G1, >3.0–5.0×ULN G2, >5.0–20.0×ULN G3, >20.0×ULN G4
        "ALANINE_AMINOTRANSFERASE_INCREASED, 40, 0",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 40.1, 1",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 120, 1",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 120.1, 2",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 200, 2",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 200.1, 3",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 800, 3",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 800.1, 4",
        // AST, the same table, ULN 40
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 40, 0",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 40.1, 1",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 120, 1",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 120.1, 2",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 200, 2",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 200.1, 3",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 800, 3",
        "ASPARTATE_AMINOTRANSFERASE_INCREASED, 800.1, 4"
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

    @ParameterizedTest(name = "{0} {1} with abnormal baseline {2} → G{3}")
    @CsvSource({
        // bilirubin, baseline 42 µmol/L (2×ULN, abnormal): >1.0–1.5×baseline G1, >1.5–3.0 G2, >3.0–10.0 G3, >10.0 G4
        "BLOOD_BILIRUBIN_INCREASED, 42, 42, 0",
        "BLOOD_BILIRUBIN_INCREASED, 42.1, 42, 1",
        "BLOOD_BILIRUBIN_INCREASED, 63, 42, 1",
        "BLOOD_BILIRUBIN_INCREASED, 63.1, 42, 2",
        "BLOOD_BILIRUBIN_INCREASED, 126, 42, 2",
        "BLOOD_BILIRUBIN_INCREASED, 126.1, 42, 3",
        "BLOOD_BILIRUBIN_INCREASED, 420, 42, 3",
        "BLOOD_BILIRUBIN_INCREASED, 420.1, 42, 4",
        // ALT, baseline 80 U/L (2×ULN): 1.5–3.0×baseline G1, >3.0–5.0 G2, >5.0–20.0 G3, >20.0 G4
        "ALANINE_AMINOTRANSFERASE_INCREASED, 119.9, 80, 0",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 120, 80, 1",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 240, 80, 1",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 240.1, 80, 2",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 400, 80, 2",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 400.1, 80, 3",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 1600, 80, 3",
        "ALANINE_AMINOTRANSFERASE_INCREASED, 1600.1, 80, 4",
        // a normal baseline leaves the ULN as the reference
        "ALANINE_AMINOTRANSFERASE_INCREASED, 40.1, 30, 1",
        "BLOOD_BILIRUBIN_INCREASED, 21.1, 10, 1"
    })
    void risingTermsAgainstAnAbnormalBaseline(CtcaeTerm term, double value, double baseline, int grade) {
        assertThat(ctcae.grade(term, value, Optional.of(baseline), Sex.MALE).number())
                .isEqualTo(grade);
    }
}

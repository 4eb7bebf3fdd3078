package org.netra.clinical.followup;

import org.netra.clinical.patient.Analyte;

/**
 * The CTCAE v5.0 terms netra grades from laboratory values (CTCAE v5.0, NCI 2017 — 27 Nov 2017; blood and
 * lymphatic system disorders, investigations, metabolism and nutrition, renal and urinary disorders). The
 * grade boundaries are the standard's. A term falls below the lower limit of normal (counts, Hb, albumin,
 * eGFR: each "lower" boundary reads grade n while value &lt; upper and ≥ lower) or rises above the upper
 * limit (bilirubin, ALT, AST: multiples of the ULN, or of an abnormal baseline; creatinine has its own rule).
 */
public enum CtcaeTerm {
    /** Hb g/dL: G1 &lt;LLN–10.0, G2 &lt;10.0–8.0, G3 &lt;8.0 (G4 is clinical, not a lab value). */
    ANAEMIA(Analyte.HAEMOGLOBIN, new double[] {10.0, 8.0}),
    /** ×10⁹/L: G1 &lt;LLN–75, G2 &lt;75–50, G3 &lt;50–25, G4 &lt;25. */
    PLATELET_COUNT_DECREASED(Analyte.PLATELETS, new double[] {75, 50, 25}),
    /** ×10⁹/L: G1 &lt;LLN–1.5, G2 &lt;1.5–1.0, G3 &lt;1.0–0.5, G4 &lt;0.5. */
    NEUTROPHIL_COUNT_DECREASED(Analyte.NEUTROPHILS, new double[] {1.5, 1.0, 0.5}),
    /** ×10⁹/L: G1 &lt;LLN–3.0, G2 &lt;3.0–2.0, G3 &lt;2.0–1.0, G4 &lt;1.0. */
    WHITE_BLOOD_CELL_DECREASED(Analyte.WHITE_BLOOD_CELLS, new double[] {3.0, 2.0, 1.0}),
    /** ×10⁹/L: G1 &lt;LLN–0.8, G2 &lt;0.8–0.5, G3 &lt;0.5–0.2, G4 &lt;0.2. */
    LYMPHOCYTE_COUNT_DECREASED(Analyte.LYMPHOCYTES, new double[] {0.8, 0.5, 0.2}),
    /**
     * G1 &gt;ULN–1.5×ULN; G2 &gt;1.5–3.0×baseline or &gt;1.5–3.0×ULN; G3 &gt;3.0×baseline or &gt;3.0–6.0×ULN;
     * G4 &gt;6.0×ULN.
     */
    CREATININE_INCREASED(Analyte.CREATININE, new double[0]),
    /** eGFR mL/min/1.73 m²: G1 &lt;LLN–60, G2 59–30, G3 29–15, G4 &lt;15 (proteinuria criteria not graded here). */
    CHRONIC_KIDNEY_DISEASE(Analyte.EGFR, new double[] {60, 30, 15}),
    /**
     * Hypoalbuminemia, albumin g/L: G1 &lt;LLN–30, G2 &lt;30–20, G3 &lt;20 (G4 life-threatening and G5 death are
     * clinical, not a lab value).
     */
    HYPOALBUMINAEMIA(Analyte.ALBUMIN, new double[] {30, 20}),
    /**
     * Blood bilirubin increased: baseline normal G1 &gt;ULN–1.5×ULN, G2 &gt;1.5–3.0×ULN, G3 &gt;3.0–10.0×ULN,
     * G4 &gt;10.0×ULN; baseline abnormal the same multiples of the baseline, G1 from &gt;1.0×baseline.
     */
    BLOOD_BILIRUBIN_INCREASED(Analyte.BILIRUBIN, new AboveUpperLimit(new double[] {1.5, 3.0, 10.0}, 1.0, false)),
    /**
     * Alanine aminotransferase increased: baseline normal G1 &gt;ULN–3.0×ULN, G2 &gt;3.0–5.0×ULN, G3
     * &gt;5.0–20.0×ULN, G4 &gt;20.0×ULN; baseline abnormal G1 1.5–3.0×baseline, then the same multiples of it.
     */
    ALANINE_AMINOTRANSFERASE_INCREASED(Analyte.ALT, new AboveUpperLimit(new double[] {3.0, 5.0, 20.0}, 1.5, true)),
    /** Aspartate aminotransferase increased: as ALT. */
    ASPARTATE_AMINOTRANSFERASE_INCREASED(Analyte.AST, new AboveUpperLimit(new double[] {3.0, 5.0, 20.0}, 1.5, true));

    /**
     * How a rising value is graded: above the ULN, grade n+1 begins where the value exceeds
     * {@code multiples[n-1]}×ULN; against an abnormal baseline (one above the ULN) grade 1 begins at
     * {@code baselineGrade1}×baseline (inclusive as CTCAE writes "1.5 – 3.0", exclusive as it writes "&gt;1.0")
     * and the higher grades at the same multiples of the baseline.
     */
    record AboveUpperLimit(double[] multiples, double baselineGrade1, boolean baselineGrade1Inclusive) {}

    private final Analyte analyte;
    private final double[] lowerBoundaries;
    private final AboveUpperLimit above;

    CtcaeTerm(Analyte analyte, double[] lowerBoundaries) {
        this.analyte = analyte;
        this.lowerBoundaries = lowerBoundaries;
        this.above = null;
    }

    CtcaeTerm(Analyte analyte, AboveUpperLimit above) {
        this.analyte = analyte;
        this.lowerBoundaries = new double[0];
        this.above = above;
    }

    /** True where a higher value is worse (creatinine, bilirubin, ALT, AST); false where a lower one is. */
    public boolean rising() {
        return this == CREATININE_INCREASED || above != null;
    }

    /** True where CTCAE grades against the patient's baseline as well as the normal limits. */
    public boolean usesBaseline() {
        return rising();
    }

    java.util.Optional<AboveUpperLimit> aboveUpperLimit() {
        return java.util.Optional.ofNullable(above);
    }

    /** The analyte graded (CKD: the eGFR, computed from creatinine where the lab gave none). */
    public Analyte analyte() {
        return analyte;
    }

    /** For counts and eGFR: the value at or above which grade n+1 ends, going down (after LLN). */
    double[] lowerBoundaries() {
        return lowerBoundaries.clone();
    }
}

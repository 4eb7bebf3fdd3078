package org.netra.clinical.followup;

import org.netra.clinical.patient.Analyte;

/**
 * The CTCAE v5.0 terms netra grades from laboratory values (NCI, CTCAE v5.0, 27 Nov 2017; blood and
 * lymphatic system disorders, investigations, renal and urinary disorders). The grade boundaries are
 * the standard's; each "lower" boundary reads: grade n while value &lt; upper and ≥ lower.
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
    CHRONIC_KIDNEY_DISEASE(Analyte.EGFR, new double[] {60, 30, 15});

    private final Analyte analyte;
    private final double[] lowerBoundaries;

    CtcaeTerm(Analyte analyte, double[] lowerBoundaries) {
        this.analyte = analyte;
        this.lowerBoundaries = lowerBoundaries;
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

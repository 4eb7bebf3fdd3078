package org.netra.clinical.patient;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The laboratory values PRRT decisions rest on, each in one canonical unit, with the range outside
 * which a value is a typing or unit error rather than a patient (checked at entry).
 */
public enum Analyte {
    /** Haemoglobin, g/dL. */
    HAEMOGLOBIN(
            "haemoglobin",
            LabUnit.G_PER_DL,
            0.5,
            25,
            EnumSet.of(LabUnit.G_PER_DL, LabUnit.G_PER_L, LabUnit.MMOL_PER_L_HB)),
    /** Platelets, 10⁹/L. */
    PLATELETS("platelets", LabUnit.PER_NL, 0, 3000, EnumSet.of(LabUnit.PER_NL, LabUnit.PER_UL)),
    /** White blood cells, 10⁹/L. */
    WHITE_BLOOD_CELLS("white blood cells", LabUnit.PER_NL, 0, 500, EnumSet.of(LabUnit.PER_NL, LabUnit.PER_UL)),
    /** Absolute neutrophils, 10⁹/L. */
    NEUTROPHILS("neutrophils", LabUnit.PER_NL, 0, 300, EnumSet.of(LabUnit.PER_NL, LabUnit.PER_UL)),
    /** Absolute lymphocytes, 10⁹/L. */
    LYMPHOCYTES("lymphocytes", LabUnit.PER_NL, 0, 300, EnumSet.of(LabUnit.PER_NL, LabUnit.PER_UL)),
    /** Serum creatinine, µmol/L. */
    CREATININE("creatinine", LabUnit.UMOL_PER_L, 5, 3000, EnumSet.of(LabUnit.UMOL_PER_L, LabUnit.MG_PER_DL_CREATININE)),
    /** Measured creatinine clearance (e.g. 24 h urine or 51Cr-EDTA), mL/min. */
    CREATININE_CLEARANCE("creatinine clearance", LabUnit.ML_PER_MIN, 0, 300, EnumSet.of(LabUnit.ML_PER_MIN)),
    /** eGFR reported by the lab, mL/min/1.73 m². */
    EGFR("eGFR", LabUnit.ML_PER_MIN_1_73M2, 0, 300, EnumSet.of(LabUnit.ML_PER_MIN_1_73M2)),
    /** Total bilirubin, µmol/L (beyond ~1000 µmol/L no patient is measured alive). */
    BILIRUBIN("bilirubin", LabUnit.UMOL_PER_L, 0, 1000, EnumSet.of(LabUnit.UMOL_PER_L, LabUnit.MG_PER_DL_BILIRUBIN)),
    /** Serum albumin, g/L. */
    ALBUMIN("albumin", LabUnit.G_PER_L_ALBUMIN, 5, 70, EnumSet.of(LabUnit.G_PER_L_ALBUMIN, LabUnit.G_PER_DL_ALBUMIN)),
    /** Alanine aminotransferase, U/L. */
    ALT("ALT", LabUnit.U_PER_L, 0, 20_000, EnumSet.of(LabUnit.U_PER_L, LabUnit.UKAT_PER_L)),
    /** Aspartate aminotransferase, U/L. */
    AST("AST", LabUnit.U_PER_L, 0, 20_000, EnumSet.of(LabUnit.U_PER_L, LabUnit.UKAT_PER_L)),
    /** Chromogranin A, µg/L (= ng/mL); NETs raise it by orders of magnitude, hence the wide range. */
    CHROMOGRANIN_A("chromogranin A", LabUnit.UG_PER_L, 0, 500_000, EnumSet.of(LabUnit.UG_PER_L, LabUnit.NG_PER_ML));

    private final String label;
    private final LabUnit unit;
    private final double min;
    private final double max;
    private final Set<LabUnit> accepted;

    Analyte(String label, LabUnit unit, double min, double max, Set<LabUnit> accepted) {
        this.label = label;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.accepted = accepted;
    }

    public String label() {
        return label;
    }

    /** The unit netra keeps this analyte in. */
    public LabUnit unit() {
        return unit;
    }

    /** The lowest value that can be a real patient's, in {@link #unit()}. */
    public double plausibleMin() {
        return min;
    }

    /** The highest value that can be a real patient's, in {@link #unit()}. */
    public double plausibleMax() {
        return max;
    }

    public boolean accepts(LabUnit u) {
        return accepted.contains(u);
    }

    /** The units a value of this analyte may be entered in, the canonical one first. */
    public List<LabUnit> units() {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(unit), accepted.stream().filter(u -> u != unit))
                .toList();
    }

    List<String> acceptedUnits() {
        return accepted.stream().map(LabUnit::symbol).toList();
    }
}

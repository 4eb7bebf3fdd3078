package org.netra.clinical.followup;

import org.netra.clinical.patient.Analyte;
import org.netra.clinical.patient.Sex;

/**
 * The laboratory's normal limits that CTCAE grades hang on (LLN, ULN), in each analyte's canonical unit.
 * The defaults are typical adult ranges of European hospital laboratories, not a standard: set them to
 * the local lab's (confirm).
 */
public record ReferenceRanges(
        double haemoglobinLlnFemale,
        double haemoglobinLlnMale,
        double plateletsLln,
        double whiteCellsLln,
        double neutrophilsLln,
        double lymphocytesLln,
        double creatinineUlnFemale,
        double creatinineUlnMale,
        double egfrLln,
        double albuminLln,
        double bilirubinUln,
        double altUln,
        double astUln) {
    /**
     * Hb 12.0/13.0 g/dL, platelets 150, WBC 4.0, neutrophils 2.0, lymphocytes 1.0 ×10⁹/L, creatinine 90/105
     * µmol/L, eGFR 90, albumin 35 g/L, bilirubin 21 µmol/L, ALT 40 U/L, AST 40 U/L.
     */
    public static final ReferenceRanges DEFAULTS =
            new ReferenceRanges(12.0, 13.0, 150, 4.0, 2.0, 1.0, 90, 105, 90, 35, 21, 40, 40);

    public double lln(Analyte analyte, Sex sex) {
        return switch (analyte) {
            case HAEMOGLOBIN -> sex == Sex.FEMALE ? haemoglobinLlnFemale : haemoglobinLlnMale;
            case PLATELETS -> plateletsLln;
            case WHITE_BLOOD_CELLS -> whiteCellsLln;
            case NEUTROPHILS -> neutrophilsLln;
            case LYMPHOCYTES -> lymphocytesLln;
            case EGFR, CREATININE_CLEARANCE -> egfrLln;
            case ALBUMIN -> albuminLln;
            case CREATININE, BILIRUBIN, ALT, AST ->
                throw new IllegalArgumentException(analyte.label() + " is graded against its ULN");
            case CHROMOGRANIN_A ->
                throw new IllegalArgumentException(analyte.label() + " has no lower limit netra grades against");
        };
    }

    /** The upper limit of normal of an analyte CTCAE grades when it rises (creatinine: {@link #creatinineUln}). */
    public double uln(Analyte analyte) {
        return switch (analyte) {
            case BILIRUBIN -> bilirubinUln;
            case ALT -> altUln;
            case AST -> astUln;
            case CREATININE -> throw new IllegalArgumentException("creatinine's ULN depends on sex: creatinineUln");
            case HAEMOGLOBIN,
                    PLATELETS,
                    WHITE_BLOOD_CELLS,
                    NEUTROPHILS,
                    LYMPHOCYTES,
                    EGFR,
                    CREATININE_CLEARANCE,
                    ALBUMIN,
                    CHROMOGRANIN_A ->
                throw new IllegalArgumentException(analyte.label() + " has no upper limit netra grades against");
        };
    }

    public double creatinineUln(Sex sex) {
        return sex == Sex.FEMALE ? creatinineUlnFemale : creatinineUlnMale;
    }
}

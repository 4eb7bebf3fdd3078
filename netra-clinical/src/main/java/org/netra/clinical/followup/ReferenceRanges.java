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
        double egfrLln) {
    /** Hb 12.0/13.0 g/dL, platelets 150, WBC 4.0, neutrophils 2.0, lymphocytes 1.0 ×10⁹/L, creatinine 90/105 µmol/L, eGFR 90. */
    public static final ReferenceRanges DEFAULTS = new ReferenceRanges(12.0, 13.0, 150, 4.0, 2.0, 1.0, 90, 105, 90);

    public double lln(Analyte analyte, Sex sex) {
        return switch (analyte) {
            case HAEMOGLOBIN -> sex == Sex.FEMALE ? haemoglobinLlnFemale : haemoglobinLlnMale;
            case PLATELETS -> plateletsLln;
            case WHITE_BLOOD_CELLS -> whiteCellsLln;
            case NEUTROPHILS -> neutrophilsLln;
            case LYMPHOCYTES -> lymphocytesLln;
            case EGFR, CREATININE_CLEARANCE -> egfrLln;
            case CREATININE -> throw new IllegalArgumentException("creatinine is graded against its ULN");
            case BILIRUBIN, ALBUMIN, ALT, AST, CHROMOGRANIN_A ->
                throw new IllegalArgumentException(analyte.label() + " has no lower limit netra grades against");
        };
    }

    public double creatinineUln(Sex sex) {
        return sex == Sex.FEMALE ? creatinineUlnFemale : creatinineUlnMale;
    }
}

package org.netra.clinical.patient;

import java.util.Arrays;
import java.util.Locale;

/** Units a laboratory reports in, with the factor to the analyte's canonical unit. */
public enum LabUnit {
    G_PER_DL("g/dL", 1),
    G_PER_L("g/L", 0.1),
    /** Haemoglobin in mmol/L (Scandinavian and Dutch labs): × 1.6114 → g/dL (monomer Hb 16 114.5 g/mol). */
    MMOL_PER_L_HB("mmol/L", 1.6114),
    PER_NL("×10⁹/L", 1),
    PER_UL("/µL", 1e-3),
    UMOL_PER_L("µmol/L", 1),
    /** Creatinine: 1 mg/dL = 88.4 µmol/L (molar mass 113.12 g/mol). */
    MG_PER_DL_CREATININE("mg/dL", 88.4),
    ML_PER_MIN("mL/min", 1),
    ML_PER_MIN_1_73M2("mL/min/1.73m²", 1),
    /** Bilirubin: 1 mg/dL = 17.1 µmol/L (molar mass 584.66 g/mol). */
    MG_PER_DL_BILIRUBIN("mg/dL", 10_000 / 584.66),
    G_PER_L_ALBUMIN("g/L", 1),
    G_PER_DL_ALBUMIN("g/dL", 10),
    U_PER_L("U/L", 1),
    /** Enzyme activity in SI units: 1 U = 1 µmol/min = 16.67 nkat, so 1 µkat/L = 60 U/L. */
    UKAT_PER_L("µkat/L", 60),
    UG_PER_L("µg/L", 1),
    NG_PER_ML("ng/mL", 1);

    private final String symbol;
    private final double toCanonical;

    LabUnit(String symbol, double toCanonical) {
        this.symbol = symbol;
        this.toCanonical = toCanonical;
    }

    public String symbol() {
        return symbol;
    }

    double toCanonical(double value) {
        return value * toCanonical;
    }

    /** A value in the analyte's canonical unit expressed in this unit (the inverse of the conversion at entry). */
    public double fromCanonical(double canonicalValue) {
        return canonicalValue / toCanonical;
    }

    /** The unit written as labs write it ("g/dL", "10^9/L", "µmol/L", "mg/dL", "mmol/L", "/uL"…). */
    public static LabUnit parse(String text, Analyte analyte) {
        String t = text.trim()
                .replace("µ", "u")
                .replace("μ", "u")
                .replace("×", "x")
                .toLowerCase(Locale.ROOT);
        String normalised =
                switch (t) {
                    case "10^9/l", "10e9/l", "x10^9/l", "/nl", "10*9/l", "x10⁹/l", "10⁹/l" -> "×10⁹/L";
                    case "/ul", "/mm3", "cells/ul", "per ul" -> "/µL";
                    case "umol/l" -> "µmol/L";
                    case "ml/min/1.73m2", "ml/min/1.73 m2", "ml/min/1.73m²" -> "mL/min/1.73m²";
                    case "ml/min" -> "mL/min";
                    case "g/dl" -> "g/dL";
                    case "g/l" -> "g/L";
                    case "mg/dl" -> "mg/dL";
                    case "mmol/l" -> "mmol/L";
                    case "u/l", "iu/l" -> "U/L";
                    case "ukat/l" -> "µkat/L";
                    case "ug/l" -> "µg/L";
                    case "ng/ml" -> "ng/mL";
                    default -> text;
                };
        return Arrays.stream(values())
                .filter(u -> u.symbol.equals(normalised) && analyte.accepts(u))
                .findFirst()
                .orElseThrow(() -> new InvalidLabValueException("unit '" + text + "' is not one netra knows for "
                        + analyte.label() + "; use one of " + analyte.acceptedUnits()));
    }
}

package org.netra.imaging.quant;

/**
 * The Krenning scale (DOMAIN.md §1) on measured uptake: 0 none; 1 much lower than liver; 2 up to
 * liver; 3 above liver; 4 above spleen (or kidneys). The scale is visual; its numeric boundaries are
 * configuration: {@code noUptakeBelowLiver} (default 0.1: a lesion below 10 % of liver uptake counts
 * as no uptake) and {@code muchLowerBelowLiver} (default 0.5), both defaults to confirm with the
 * physicians who use them.
 */
public record KrenningScale(double noUptakeBelowLiver, double muchLowerBelowLiver) {
    public static final KrenningScale DEFAULT = new KrenningScale(0.1, 0.5);

    public KrenningScale {
        if (!(noUptakeBelowLiver >= 0 && noUptakeBelowLiver < muchLowerBelowLiver && muchLowerBelowLiver <= 1)) {
            throw new IllegalArgumentException("Krenning boundaries must satisfy 0 ≤ none (" + noUptakeBelowLiver
                    + ") < much lower (" + muchLowerBelowLiver + ") ≤ 1 (fractions of liver uptake)");
        }
    }

    /** A grade and the ratios it came from. */
    public record Grade(int grade, double lesionToLiver, double lesionToSpleen) {}

    /**
     * The grade of a lesion from mean uptakes (any one unit: Bq/mL, SUV, counts per voxel) of the lesion
     * and of liver and spleen reference VOIs.
     */
    public Grade grade(double lesion, double liver, double spleen) {
        if (!(liver > 0) || !(spleen > 0) || !(lesion >= 0)) {
            throw new IllegalArgumentException("Krenning grading needs positive liver (" + liver + ") and spleen ("
                    + spleen + ") uptake and a non-negative lesion uptake (" + lesion + ")");
        }
        double toLiver = lesion / liver;
        double toSpleen = lesion / spleen;
        int g;
        if (lesion > spleen && lesion > liver) {
            g = 4;
        } else if (toLiver > 1) {
            g = 3;
        } else if (toLiver >= muchLowerBelowLiver) {
            g = 2;
        } else if (toLiver >= noUptakeBelowLiver) {
            g = 1;
        } else {
            g = 0;
        }
        return new Grade(g, toLiver, toSpleen);
    }
}

package org.netra.dosimetry.uncertainty;

/**
 * The relative standard deviations (fractions, 0.05 = 5 %) that enter an absorbed dose besides the fit, as
 * the EANM guidance lists them (Gear et al. 2018).
 *
 * @param calibration the camera calibration factor; the same factor scales every time point, so it scales
 *     the TIA as a whole
 * @param voiActivity the activity in the VOI from its delineation and partial-volume (recovery) correction,
 *     taken as common to all time points
 * @param voiMass the mass of the VOI from its volume (density assumed exact)
 * @param activityMassCorrelation correlation between the VOI activity and mass errors: a larger VOI holds both
 *     more activity and more mass (Gear et al. 2018, §on VOI uncertainty), which partly cancels in the dose
 */
public record UncertaintyBudget(
        double calibration, double voiActivity, double voiMass, double activityMassCorrelation) {
    public static final UncertaintyBudget NONE = new UncertaintyBudget(0, 0, 0, 0);

    public UncertaintyBudget {
        check(calibration, "calibration");
        check(voiActivity, "VOI activity");
        check(voiMass, "VOI mass");
        if (!(activityMassCorrelation >= -1 && activityMassCorrelation <= 1)) {
            throw new IllegalArgumentException(
                    "the activity–mass correlation must lie in [−1, 1], got " + activityMassCorrelation);
        }
    }

    private static void check(double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(
                    "the relative SD of " + what + " must be a finite fraction ≥ 0 (0.05 = 5 %), got " + v);
        }
    }
}

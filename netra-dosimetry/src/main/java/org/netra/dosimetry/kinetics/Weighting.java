package org.netra.dosimetry.kinetics;

/**
 * How the least-squares fit weights each time point (weight = 1/σ²). With {@link #STANDARD_DEVIATIONS} the
 * σ are absolute and the parameter covariance is (JᵀWJ)⁻¹; with the others only the relative weights are
 * known and the covariance is scaled by the residual variance, as SciPy's {@code curve_fit} does with
 * {@code absolute_sigma=False}.
 */
public enum Weighting {
    /** σᵢ = the time point's own standard deviation (every point must have one). */
    STANDARD_DEVIATIONS,
    /** σᵢ ∝ Aᵢ: equal relative error at every time point, the usual choice for quantitative SPECT. */
    RELATIVE,
    /** σᵢ ∝ √Aᵢ: counting statistics. */
    POISSON,
    /** σᵢ = constant: ordinary least squares. */
    UNIFORM
}

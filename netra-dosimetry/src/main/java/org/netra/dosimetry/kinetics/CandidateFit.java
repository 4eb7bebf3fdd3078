package org.netra.dosimetry.kinetics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The outcome of fitting one model family: its diagnostics, or why it was not usable. */
public sealed interface CandidateFit {
    ModelKind kind();

    /**
     * A converged fit of an admissible model.
     *
     * @param residualsMBq measured − fitted, per time point
     * @param weightedResidualSumOfSquares Σ wᵢ·rᵢ²
     * @param rSquared weighted coefficient of determination, 1 − WRSS / weighted total sum of squares
     * @param aicc corrected Akaike criterion; empty when there are too few points for it (n ≤ K + 1)
     * @param covariance parameter covariance; empty when it cannot be estimated (no degrees of freedom
     *     without given standard deviations, or a singular Jacobian)
     * @param iterations Levenberg–Marquardt iterations over every start refined (the fit's cost)
     */
    record Fitted(
            ModelKind kind,
            KineticModel model,
            List<Double> residualsMBq,
            double weightedResidualSumOfSquares,
            double rSquared,
            OptionalDouble aicc,
            Optional<ParameterCovariance> covariance,
            int iterations)
            implements CandidateFit {
        public Fitted {
            residualsMBq = List.copyOf(residualsMBq);
        }
    }

    /** Not fitted, not converged, or converged outside the model's physical range. */
    record Failed(ModelKind kind, String reason) implements CandidateFit {}
}

package org.netra.dosimetry.uncertainty;

import org.netra.dosimetry.kinetics.KineticModel;
import org.netra.dosimetry.kinetics.ParameterCovariance;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.TimeIntegratedActivity;

/**
 * First-order (Jacobian) propagation, as the EANM guidance does it (Gear et al., EJNMMI 2018;45:2456). For
 * D = Ã·S with S ∝ 1/m (mass-scaled self-dose):
 *
 * <pre>
 *   u²(Ã) = gᵀCg/Ã² + u²(calibration) + u²(VOI activity)
 *   u²(D) = u²(Ã) + u²(m) − 2ρ·u(VOI activity)·u(m)
 * </pre>
 *
 * with g = ∂Ã/∂p the integral's gradient, C the fit covariance and u relative standard deviations.
 */
public final class Propagation {
    private Propagation() {}

    /** Ã ± SD from the fit alone (MBq·h). */
    public static Uncertain tiaFromFit(KineticModel model, ParameterCovariance covariance) {
        double tia = model.integral().inMBqHours();
        return new Uncertain(tia, Math.sqrt(covariance.propagate(model.integralGradient())), "MBq·h");
    }

    /** Ã ± SD with the fit SD (may be zero) and the calibration and VOI-activity terms. */
    public static Uncertain tia(TimeIntegratedActivity tia, TimeIntegratedActivity fitSd, UncertaintyBudget budget) {
        double value = tia.inMBqHours();
        double uFit = value == 0 ? 0 : fitSd.inMBqHours() / value;
        double u = Math.sqrt(uFit * uFit
                + budget.calibration() * budget.calibration()
                + budget.voiActivity() * budget.voiActivity());
        return new Uncertain(value, u * value, "MBq·h");
    }

    /**
     * D ± SD for a self-dose D (mass-scaled, so ∝ Ã/m), from Ã's fit SD and the budget. For a cross-dose, whose
     * S does not depend on the patient's mass, give a budget with {@code voiMass} 0.
     */
    public static Uncertain dose(
            AbsorbedDose dose, TimeIntegratedActivity tia, TimeIntegratedActivity fitSd, UncertaintyBudget budget) {
        double uTia = tia(tia, fitSd, budget).relativeStandardDeviation();
        double variance = uTia * uTia
                + budget.voiMass() * budget.voiMass()
                - 2 * budget.activityMassCorrelation() * budget.voiActivity() * budget.voiMass();
        return new Uncertain(dose.inGy(), Math.sqrt(Math.max(0, variance)) * dose.inGy(), "Gy");
    }
}

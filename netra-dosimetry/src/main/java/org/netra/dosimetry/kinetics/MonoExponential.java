package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.physics.quantity.Activity;

/** A(t) = A₀·e^(−λt), λ = ln 2 / T_eff. Parameters: [A₀, λ]. */
public record MonoExponential(Activity initial, Duration halfLife) implements KineticModel {
    public MonoExponential {
        Models.positive(halfLife, "half-life");
    }

    @Override
    public ModelKind kind() {
        return ModelKind.MONO_EXPONENTIAL;
    }

    @Override
    public double[] parameters() {
        return new double[] {initial.inMBq(), ModelKind.ratePerHour(halfLife)};
    }
}

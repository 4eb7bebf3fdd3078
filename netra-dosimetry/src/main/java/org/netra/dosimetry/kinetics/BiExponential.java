package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.physics.quantity.Activity;

/** A(t) = A₁·e^(−λ₁t) + A₂·e^(−λ₂t), the fast phase first. Parameters: [A₁, λ₁, A₂, λ₂]. */
public record BiExponential(
        Activity fastAmplitude, Duration fastHalfLife, Activity slowAmplitude, Duration slowHalfLife)
        implements KineticModel {
    public BiExponential {
        Models.positive(fastHalfLife, "fast half-life");
        Models.positive(slowHalfLife, "slow half-life");
        Models.notLonger(fastHalfLife, slowHalfLife, "fast half-life", "slow half-life");
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BI_EXPONENTIAL;
    }

    @Override
    public double[] parameters() {
        return new double[] {
            fastAmplitude.inMBq(), ModelKind.ratePerHour(fastHalfLife),
            slowAmplitude.inMBq(), ModelKind.ratePerHour(slowHalfLife)
        };
    }
}

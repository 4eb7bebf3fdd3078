package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.physics.quantity.Activity;

/**
 * A(t) = A₁·e^(−λ₁t) + A₂·e^(−λ₂t) − (A₁+A₂)·e^(−λu·t): uptake followed by a fast and a slow washout, zero at
 * injection; the uptake is the fastest. Parameters: [A₁, λ₁, A₂, λ₂, λu].
 */
public record UptakeBiExponential(
        Activity fastAmplitude,
        Duration fastHalfLife,
        Activity slowAmplitude,
        Duration slowHalfLife,
        Duration uptakeHalfLife)
        implements KineticModel {
    public UptakeBiExponential {
        Models.positive(fastHalfLife, "fast half-life");
        Models.positive(slowHalfLife, "slow half-life");
        Models.positive(uptakeHalfLife, "uptake half-life");
        Models.notLonger(fastHalfLife, slowHalfLife, "fast half-life", "slow half-life");
        Models.shorter(uptakeHalfLife, fastHalfLife, "uptake half-life", "fast half-life");
    }

    @Override
    public ModelKind kind() {
        return ModelKind.UPTAKE_BI_EXPONENTIAL;
    }

    @Override
    public double[] parameters() {
        return new double[] {
            fastAmplitude.inMBq(), ModelKind.ratePerHour(fastHalfLife),
            slowAmplitude.inMBq(), ModelKind.ratePerHour(slowHalfLife),
            ModelKind.ratePerHour(uptakeHalfLife)
        };
    }
}

package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.physics.quantity.Activity;

/** A(t) = Σ₁³ Aᵢ·e^(−λᵢt), fastest phase first. Parameters: [A₁, λ₁, A₂, λ₂, A₃, λ₃]. */
public record TriExponential(
        Activity amplitude1,
        Duration halfLife1,
        Activity amplitude2,
        Duration halfLife2,
        Activity amplitude3,
        Duration halfLife3)
        implements KineticModel {
    public TriExponential {
        Models.positive(halfLife1, "first half-life");
        Models.positive(halfLife2, "second half-life");
        Models.positive(halfLife3, "third half-life");
        Models.notLonger(halfLife1, halfLife2, "first half-life", "second half-life");
        Models.notLonger(halfLife2, halfLife3, "second half-life", "third half-life");
    }

    @Override
    public ModelKind kind() {
        return ModelKind.TRI_EXPONENTIAL;
    }

    @Override
    public double[] parameters() {
        return new double[] {
            amplitude1.inMBq(), ModelKind.ratePerHour(halfLife1),
            amplitude2.inMBq(), ModelKind.ratePerHour(halfLife2),
            amplitude3.inMBq(), ModelKind.ratePerHour(halfLife3)
        };
    }
}

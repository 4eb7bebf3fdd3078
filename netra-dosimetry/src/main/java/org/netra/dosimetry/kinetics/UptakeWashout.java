package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.physics.quantity.Activity;

/**
 * A(t) = A·(e^(−λw·t) − e^(−λu·t)): zero at injection, rising with the uptake half-life, clearing with the
 * washout half-life. The uptake must be the faster. Parameters: [A, λw, λu].
 */
public record UptakeWashout(Activity amplitude, Duration washoutHalfLife, Duration uptakeHalfLife)
        implements KineticModel {
    public UptakeWashout {
        Models.positive(washoutHalfLife, "washout half-life");
        Models.positive(uptakeHalfLife, "uptake half-life");
        Models.shorter(uptakeHalfLife, washoutHalfLife, "uptake half-life", "washout half-life");
    }

    @Override
    public ModelKind kind() {
        return ModelKind.UPTAKE_WASHOUT;
    }

    @Override
    public double[] parameters() {
        return new double[] {
            amplitude.inMBq(), ModelKind.ratePerHour(washoutHalfLife), ModelKind.ratePerHour(uptakeHalfLife)
        };
    }
}

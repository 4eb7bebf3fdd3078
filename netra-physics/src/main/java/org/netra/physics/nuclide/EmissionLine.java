package org.netra.physics.nuclide;

import org.netra.physics.quantity.Energy;

/**
 * One line of a nuclide's emission spectrum: its energy and its yield per decay. For beta lines
 * ICRP-107 gives the mean energy of the branch.
 */
public record EmissionLine(RadiationType type, Energy energy, double yieldPerDecay) {
    public EmissionLine {
        if (!(yieldPerDecay >= 0) || Double.isInfinite(yieldPerDecay)) {
            throw new IllegalArgumentException("emission yield must be finite and ≥ 0, got " + yieldPerDecay);
        }
    }

    /** Energy emitted per decay on this line: energy × yield. */
    public Energy energyPerDecay() {
        return energy.times(yieldPerDecay);
    }
}

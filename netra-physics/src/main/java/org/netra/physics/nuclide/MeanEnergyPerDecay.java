package org.netra.physics.nuclide;

import org.netra.physics.quantity.Energy;

/** ICRP-107's mean energy emitted per decay, by radiation kind. */
public record MeanEnergyPerDecay(Energy alpha, Energy electron, Energy photon) {
    public Energy total() {
        return alpha.plus(electron).plus(photon);
    }
}

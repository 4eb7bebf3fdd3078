package org.netra.physics.decay;

import org.netra.physics.nuclide.EmissionLine;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.quantity.Energy;

/**
 * A nuclide's energy per decay split by how far it travels. Non-penetrating: alphas, electrons and
 * photons below {@code photonCut} (absorbed where they are emitted, at voxel scale); penetrating:
 * photons at or above the cut. The split follows MIRD practice; the cut is the caller's choice.
 */
public record EnergyPartition(Energy nonPenetrating, Energy penetrating, Energy photonCut) {

    /** The usual cut below which photons (mostly X-rays) count as locally absorbed. */
    public static final Energy DEFAULT_PHOTON_CUT = Energy.ofKeV(10);

    public static EnergyPartition of(Nuclide nuclide) {
        return of(nuclide, DEFAULT_PHOTON_CUT);
    }

    public static EnergyPartition of(Nuclide nuclide, Energy photonCut) {
        if (!nuclide.hasEmissionLines()) {
            throw new IllegalArgumentException("netra has no emission lines for " + nuclide.name()
                    + ", so its photons cannot be split at " + photonCut
                    + "; use a nuclide from NuclideCatalog.withEmissionLines()");
        }
        double local = 0;
        double far = 0;
        for (EmissionLine line : nuclide.emissionLines()) {
            double e = line.energyPerDecay().inJoules();
            switch (line.type().kind()) {
                case ALPHA, ELECTRON -> local += e;
                case PHOTON -> {
                    if (line.energy().compareTo(photonCut) < 0) {
                        local += e;
                    } else {
                        far += e;
                    }
                }
                case OTHER -> {
                    // neutrons and fission fragments: outside what PRRT dosimetry models
                }
            }
        }
        return new EnergyPartition(Energy.ofJoules(local), Energy.ofJoules(far), photonCut);
    }

    public Energy total() {
        return nonPenetrating.plus(penetrating);
    }
}

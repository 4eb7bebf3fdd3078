package org.netra.dosimetry.montecarlo;

import java.util.Map;

/**
 * One medium's photon mass attenuation coefficients (cm²/g) on the resource's logarithmic energy grid, mixed
 * from its elements by mass fraction (the Bragg additivity rule). Between grid points the coefficients are
 * interpolated linearly in ln E, so that the majorant of a grid interval is the larger of its two ends.
 *
 * @param composition element symbol → mass fraction, summing to 1
 */
public record PhotonMedium(
        String name,
        Map<String, Double> composition,
        double[] energiesKeV,
        double[] photoelectric,
        double[] incoherent,
        double[] coherent) {
    public PhotonMedium {
        composition = Map.copyOf(composition);
        int n = energiesKeV.length;
        if (photoelectric.length != n || incoherent.length != n || coherent.length != n) {
            throw new IllegalArgumentException(name + ": every coefficient needs one value per grid energy");
        }
    }

    /** Photoelectric absorption, cm²/g. */
    public double photoelectric(double keV) {
        return CrossSectionGrid.interpolate(energiesKeV, photoelectric, keV);
    }

    /** Incoherent (Compton) scattering with binding, cm²/g. */
    public double incoherent(double keV) {
        return CrossSectionGrid.interpolate(energiesKeV, incoherent, keV);
    }

    /** Coherent (Rayleigh) scattering, cm²/g. */
    public double coherent(double keV) {
        return CrossSectionGrid.interpolate(energiesKeV, coherent, keV);
    }

    /** μ/ρ with coherent scattering, cm²/g (NIST XCOM's "total attenuation with coherent scattering"). */
    public double total(double keV) {
        return photoelectric(keV) + incoherent(keV) + coherent(keV);
    }
}

package org.netra.dosimetry.organ;

import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.EmissionLine;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.RadiationType;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.Energy;
import org.netra.physics.quantity.Mass;
import org.netra.physics.quantity.Volume;

/**
 * Self-dose S-value of a uniformly filled sphere of soft tissue, for tumours.
 *
 * <ul>
 *   <li><b>Non-penetrating</b> energy (electrons, and photons below {@link EnergyPartition#DEFAULT_PHOTON_CUT})
 *       is absorbed in the sphere: absorbed fraction 1. For 177Lu (mean β energy 133 keV, CSDA range of the
 *       most energetic betas ≈ 1.7 mm in water) the escaping fraction in a sphere of a few mL (radius ≥ 9 mm)
 *       is a few per cent at most, so this slightly over-estimates small spheres and is accurate for larger ones.
 *   <li><b>Photons</b>: each line's absorbed fraction is 1 − P_esc(μ_en·r), the escape probability of a uniform
 *       isotropic source in a sphere of radius r and attenuation μ (Case, de Hoffmann and Placzek, Introduction
 *       to the theory of neutron diffusion, 1953): P_esc(τ) = 3/(8τ³)·[2τ² − 1 + (1 + 2τ)·e^(−2τ)], using the
 *       energy-absorption coefficient μ_en of water (Hubbell and Seltzer, NIST IR 5632, 1995) so that scattered
 *       energy counts as escaping — the usual narrow-beam absorbed-fraction approximation. It gives 3τ/4 for small
 *       spheres, and tends to 1 for large ones.
 * </ul>
 *
 * S = [E_np + Σ yᵢEᵢ·φ(Eᵢ)] / m. This is an approximation to be stated where it is used; Monte Carlo sphere
 * S-values (e.g. OLINDA/EXM's, Stabin and Konijnenberg, J Nucl Med 2000;41:149) are the reference.
 */
public final class SphereModel {
    /** μ_en/ρ of liquid water, cm²/g, at photon energies in MeV (Hubbell and Seltzer 1995). */
    private static final double[] ENERGY_MEV = {
        0.010, 0.015, 0.020, 0.030, 0.040, 0.050, 0.060, 0.080, 0.100, 0.150, 0.200, 0.300, 0.400, 0.500, 0.600, 0.800,
        1.000, 1.250, 1.500, 2.000, 3.000
    };

    private static final double[] MU_EN_CM2_PER_G = {
        4.944, 1.374, 0.5503, 0.1557, 0.06947, 0.04223, 0.03190, 0.02597, 0.02546, 0.02764, 0.02967, 0.03192, 0.03279,
        0.03299, 0.03284, 0.03206, 0.03103, 0.02965, 0.02833, 0.02608, 0.02281
    };

    private SphereModel() {}

    /** The self-dose S-value of a sphere of {@code volume} at {@code density} filled with {@code nuclide}. */
    public static SValue selfS(Nuclide nuclide, Volume volume, Density density) {
        Mass mass = volume.times(density);
        if (mass.inKg() <= 0) {
            throw new IllegalArgumentException("a sphere needs a positive volume, got " + volume);
        }
        double radiusCm = Math.cbrt(3 * volume.inMl() / (4 * Math.PI));
        EnergyPartition split = EnergyPartition.of(nuclide);
        double absorbed = split.nonPenetrating().inJoules();
        for (EmissionLine line : nuclide.emissionLines()) {
            if (line.type().kind() == RadiationType.Kind.PHOTON && line.energy().compareTo(split.photonCut()) >= 0) {
                double tau = muEnPerCm(line.energy(), density) * radiusCm;
                absorbed += line.energyPerDecay().inJoules() * (1 - escapeProbability(tau));
            }
        }
        double gyPerBqS = absorbed / mass.inKg();
        return SValue.ofMGyPerMBqSecond(gyPerBqS * 1e9);
    }

    /** P_esc(τ) for a uniform isotropic source in a sphere of optical radius τ = μr. */
    public static double escapeProbability(double tau) {
        if (tau < 1e-3) {
            return 1 - 0.75 * tau; // the series, where the closed form cancels catastrophically
        }
        double t2 = tau * tau;
        return 3 / (8 * t2 * tau) * (2 * t2 - 1 + (1 + 2 * tau) * Math.exp(-2 * tau));
    }

    /** μ_en of water scaled to {@code density}, per cm, log–log interpolated in the table. */
    static double muEnPerCm(Energy energy, Density density) {
        double e = energy.inMeV();
        if (e < ENERGY_MEV[0] || e > ENERGY_MEV[ENERGY_MEV.length - 1]) {
            throw new IllegalArgumentException("photon energy " + energy + " outside the μ_en table (10 keV – 3 MeV)");
        }
        int i = 0;
        while (ENERGY_MEV[i + 1] < e) {
            i++;
        }
        double f = Math.log(e / ENERGY_MEV[i]) / Math.log(ENERGY_MEV[i + 1] / ENERGY_MEV[i]);
        double mu = Math.exp(Math.log(MU_EN_CM2_PER_G[i]) + f * Math.log(MU_EN_CM2_PER_G[i + 1] / MU_EN_CM2_PER_G[i]));
        return mu * density.inGramsPerMl();
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** netra's Bethe stopping powers and ranges against NIST ESTAR, which tabulates them independently. */
class ElectronMediumTest {
    private static final PhotonCrossSections XS = PhotonCrossSections.shipped();

    /** Electron kinetic energy (MeV) and CSDA range in liquid water (g/cm²), NIST ESTAR. */
    private static final double[][] ESTAR_WATER_RANGE = {
        {0.02, 8.575e-4},
        {0.05, 4.320e-3},
        {0.1, 1.431e-2},
        {0.2, 4.488e-2},
        {0.5, 0.1766},
        {1.0, 0.4367},
        {2.0, 0.9785},
        {3.0, 1.514}
    };

    @Test
    void waterRangesMatchEstarWithin3Percent() {
        ElectronMedium water = new ElectronMedium(XS.medium(PhotonCrossSections.WATER));
        // ICRU 37 gives 75 eV for water; Bragg additivity of the bound-atom values gives 75.3
        assertThat(water.meanExcitationEv).isCloseTo(75, within(1.0));
        for (double[] row : ESTAR_WATER_RANGE) {
            assertThat(water.csdaRange(row[0]) / row[1])
                    .as("CSDA range at %s MeV", row[0])
                    .isCloseTo(1, within(0.03));
        }
        // ESTAR's collision stopping power of water at 1 MeV: 1.849 MeV cm²/g
        assertThat(water.stoppingPower(1.0)).isCloseTo(1.849, within(0.02 * 1.849));
    }

    @Test
    void theRangeInvertsAndBoneStopsMorePerElectronLessPerGram() {
        ElectronMedium water = new ElectronMedium(XS.medium(PhotonCrossSections.WATER));
        ElectronMedium bone = new ElectronMedium(XS.medium(PhotonCrossSections.CORTICAL_BONE));
        for (double e : new double[] {0.015, 0.1, 0.9, 2.2}) {
            assertThat(water.energyAtRange(water.csdaRange(e))).isCloseTo(e, within(1e-3 * e));
        }
        // per gram bone has fewer electrons (Z/A 0.515 vs 0.555 from the compositions) and a higher I (ICRU 37:
        // compact bone 91.9 eV; ICRU 46's cortical bone has more calcium): its mass range is longer
        assertThat(bone.zOverA).isCloseTo(0.515, within(0.003));
        assertThat(bone.meanExcitationEv).isBetween(90.0, 115.0);
        assertThat(bone.csdaRange(1.0) / water.csdaRange(1.0)).isBetween(1.08, 1.16);
    }

    @Test
    void theTransportMeanFreePathGrowsWithEnergyAndIsShorterInBone() {
        ElectronMedium water = new ElectronMedium(XS.medium(PhotonCrossSections.WATER));
        ElectronMedium bone = new ElectronMedium(XS.medium(PhotonCrossSections.CORTICAL_BONE));
        // a 1 MeV electron in water: λ₁ ≈ 0.5 g/cm² (twice the inverse of the scattering power, ≈ 4 rad² cm²/g
        // by Highland's formula scaled from 20 MeV) — about its 0.44 g/cm² range
        double l1 = water.transportMeanFreePath(1.0);
        assertThat(l1).isBetween(0.3, 0.7);
        assertThat(water.transportMeanFreePath(0.1)).isLessThan(l1 / 10);
        assertThat(bone.transportMeanFreePath(1.0)).isLessThan(l1);
    }

    /**
     * Class II splits the collision loss in two; together they must give the unrestricted Bethe loss back. The
     * restricted part is Berger and Seltzer's closed form, the hard part Møller's cross section times the transfer,
     * integrated here numerically (Simpson in ln W) — two different formulas that only agree if both are right.
     */
    @Test
    void theRestrictedAndTheHardCollisionLossAddUpToTheBetheLoss() {
        ElectronMedium water = new ElectronMedium(XS.medium(PhotonCrossSections.WATER));
        double cut = ElectronMedium.HARD_COLLISION_CUT_MEV;
        for (double t : new double[] {0.03, 0.1, 0.5, 1.0, 2.2}) {
            double gamma = t / ElectronMedium.ELECTRON_REST_MEV + 1;
            double beta2 = 1 - 1 / (gamma * gamma);
            double g = (gamma - 1) / gamma;
            int n = 2000;
            double a = Math.log(cut), b = Math.log(t / 2), h = (b - a) / n, hardLoss = 0;
            for (int q = 0; q <= n; q++) {
                double w = Math.exp(a + q * h), eps = w / t;
                double perEps = 1 / (eps * eps)
                        + 1 / ((1 - eps) * (1 - eps))
                        + g * g
                        - (2 * gamma - 1) / (gamma * gamma) / (eps * (1 - eps));
                // dσ/dW · W · dW = C Z/A /(β² T) · perEps · (1/T) · W · W d(ln W)
                double f = 0.153536 * water.zOverA / (beta2 * t) * perEps / t * w * w;
                hardLoss += f * (q == 0 || q == n ? 1 : (q % 2 == 1 ? 4 : 2));
            }
            hardLoss *= h / 3;
            double sum = water.restrictedStopping(t, cut) + hardLoss;
            assertThat(sum / water.collisionStopping(t))
                    .as("L + hard loss at %s MeV", t)
                    .isCloseTo(1, within(1e-3));
        }
        // the restricted range is longer than the CSDA range (hard collisions carry the rest of the loss)
        assertThat(water.restrictedRange(1.0) / water.csdaRange(1.0)).isBetween(1.05, 1.6);
        assertThat(water.energyAtRestrictedRange(water.restrictedRange(0.7))).isCloseTo(0.7, within(1e-3));
    }

    /** The sampled δ-ray shares follow Møller's cross section: their mean against the cross section's (Simpson). */
    @Test
    void mollerSamplingHasTheCrossSectionsMean() {
        double t = 1.0, cut = ElectronMedium.HARD_COLLISION_CUT_MEV;
        double gamma = t / ElectronMedium.ELECTRON_REST_MEV + 1;
        double g = (gamma - 1) / gamma;
        int n = 4000;
        double a = Math.log(cut / t), b = Math.log(0.5), h = (b - a) / n, norm = 0, first = 0;
        for (int q = 0; q <= n; q++) {
            double eps = Math.exp(a + q * h);
            double p = (1 / (eps * eps)
                            + 1 / ((1 - eps) * (1 - eps))
                            + g * g
                            - (2 * gamma - 1) / (gamma * gamma) / (eps * (1 - eps)))
                    * eps;
            double wgt = q == 0 || q == n ? 1 : (q % 2 == 1 ? 4 : 2);
            norm += wgt * p;
            first += wgt * p * eps;
        }
        double expected = first / norm;
        var random = new java.util.SplittableRandom(7);
        double sum = 0;
        int samples = 400_000;
        for (int s = 0; s < samples; s++) {
            sum += CpuElectronTransport.sampleMollerFraction(t, random);
        }
        // the mean share is ≈ 0.037; 400 000 draws know it to ≈ 0.2 %
        assertThat(sum / samples / expected).isCloseTo(1, within(0.01));
    }
}

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
}

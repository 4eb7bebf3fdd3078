package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;

/** Where local electron deposition holds at SPECT voxels, per nuclide. */
class LocalElectronsTest {
    private static double rangeMm(String nuclide) {
        var n = NuclideCatalog.icrp107().get(nuclide);
        return LocalElectrons.csdaRangeMm(LocalElectrons.energyWeightedMeanMeV(n));
    }

    @Test
    void rangesInterpolateEstarBetweenItsNodes() {
        assertThat(LocalElectrons.csdaRangeMm(1.0)).isCloseTo(4.367, within(1e-9));
        assertThat(LocalElectrons.csdaRangeMm(0.1)).isCloseTo(0.1431, within(1e-9));
        // ESTAR at 0.15 MeV lists 0.02817 g/cm²; log-log between 0.1 and 0.2 MeV gives it within 3 %
        assertThat(LocalElectrons.csdaRangeMm(0.15)).isCloseTo(0.2817, within(0.03 * 0.2817));
    }

    @Test
    void lutetiumIodineAndIndiumStayInA48MmVoxelAndYttriumDoesNot() {
        System.out.printf(
                "Lu-177 %.3f mm, I-131 %.3f mm, In-111 %.3f mm, Y-90 %.3f mm%n",
                rangeMm("Lu-177"), rangeMm("I-131"), rangeMm("In-111"), rangeMm("Y-90"));
        var catalog = NuclideCatalog.icrp107();
        assertThat(LocalElectrons.localIsValid(catalog.get("Lu-177"), 4.8)).isTrue();
        assertThat(LocalElectrons.localIsValid(catalog.get("I-131"), 4.8)).isTrue();
        assertThat(LocalElectrons.localIsValid(catalog.get("In-111"), 4.8)).isTrue();
        assertThat(LocalElectrons.localIsValid(catalog.get("Y-90"), 4.8)).isFalse();
        assertThat(rangeMm("Lu-177")).isBetween(0.15, 0.35);
        assertThat(rangeMm("Y-90")).isBetween(3.0, 5.0);
    }
}

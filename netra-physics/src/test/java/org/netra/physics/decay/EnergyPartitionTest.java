package org.netra.physics.decay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Energy;

class EnergyPartitionTest {
    private final NuclideCatalog catalog = NuclideCatalog.icrp107();

    @Test
    void lutetiumSplitsIntoElectronsPlusSoftXraysAndPenetratingPhotons() {
        var lu = catalog.get("Lu-177");
        var p = EnergyPartition.of(lu, Energy.ofKeV(10));
        // electrons 0.14792 MeV plus the X-rays below 10 keV; all gammas (≥ 71.6 keV) penetrate
        assertThat(p.total().inMeV()).isCloseTo(0.14792 + 0.03509, within(2e-4));
        assertThat(p.nonPenetrating().inMeV()).isBetween(0.14792, 0.14792 + 0.001);
        assertThat(p.penetrating().inMeV()).isBetween(0.0315, 0.0351);
    }

    @Test
    void aHigherCutMovesPhotonsToLocal() {
        var lu = catalog.get("Lu-177");
        var low = EnergyPartition.of(lu, Energy.ofKeV(1));
        var high = EnergyPartition.of(lu, Energy.ofKeV(300));
        // only the 321.3 keV line (0.219 %) is left above 300 keV
        assertThat(high.penetrating().inMeV()).isCloseTo(0.321316 * 0.00219, within(1e-9));
        assertThat(low.nonPenetrating()).isLessThan(high.nonPenetrating());
        assertThat(low.total().inMeV()).isCloseTo(high.total().inMeV(), within(1e-12));
    }

    @Test
    void yttrium90IsAllElectrons() {
        var p = EnergyPartition.of(catalog.get("Y-90"));
        assertThat(p.nonPenetrating().inMeV()).isCloseTo(0.9331, within(1e-3));
        assertThat(p.penetrating().inMeV()).isLessThan(1e-4);
    }

    @Test
    void nuclideWithoutLinesIsAClearError() {
        var n = catalog.get("Lu-176");
        assertThat(n.hasEmissionLines()).isFalse();
        assertThatThrownBy(() -> EnergyPartition.of(n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Lu-176")
                .hasMessageContaining("withEmissionLines");
    }
}

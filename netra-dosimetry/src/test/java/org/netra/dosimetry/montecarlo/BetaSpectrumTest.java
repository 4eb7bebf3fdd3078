package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Energy;

/**
 * The β spectra built from ICRP-107's mean energies: their end points against the evaluated ones (NNDC, ENSDF),
 * which netra never reads, and the sampled mean against the ICRP-107 mean.
 */
class BetaSpectrumTest {
    private static ElectronEmissions.BetaBranch mainBranch(String nuclide) {
        var emissions = ElectronEmissions.of(NuclideCatalog.icrp107().get(nuclide), Energy.ofKeV(10));
        return emissions.emissions().stream()
                .filter(e -> e instanceof ElectronEmissions.BetaBranch)
                .map(e -> (ElectronEmissions.BetaBranch) e)
                .max((a, b) -> Double.compare(a.yieldPerDecay(), b.yieldPerDecay()))
                .orElseThrow();
    }

    @Test
    void endPointsFromTheMeanEnergiesAreTheEvaluatedOnes() {
        // ENSDF end points: 177Lu 498.3 keV (79 %), 90Y 2280.1 keV, 131I 606.3 keV (90 %)
        assertThat(mainBranch("Lu-177").endPointMeV()).isCloseTo(0.4983, within(0.03 * 0.4983));
        assertThat(mainBranch("Y-90").endPointMeV()).isCloseTo(2.2801, within(0.03 * 2.2801));
        assertThat(mainBranch("I-131").endPointMeV()).isCloseTo(0.6063, within(0.03 * 0.6063));
    }

    @Test
    void theSampledMeanIsIcrp107sMean() {
        var branch = mainBranch("Y-90");
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            double e = branch.sampleMeV(random);
            assertThat(e).isBetween(0.0, branch.endPointMeV());
            sum += e;
        }
        assertThat(sum / n).isCloseTo(branch.meanMeV(), within(0.003 * branch.meanMeV()));
    }

    @Test
    void aNuclideOfUnknownElementIsRefusedByName() {
        assertThat(ElectronEmissions.daughterZ("Lu-177")).isEqualTo(72);
        assertThat(ElectronEmissions.daughterZ("Y-90")).isEqualTo(40);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ElectronEmissions.daughterZ("Xx-1"))
                .hasMessageContaining("Xx");
    }
}

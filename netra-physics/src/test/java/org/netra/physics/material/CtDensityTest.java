package org.netra.physics.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

class CtDensityTest {
    private final CtDensity schneider = CtDensity.schneider2000();

    /** The shipped table is a verbatim copy of shared/data's (docs/data.md). */
    @Test
    void shippedTableIsTheSharedOne() throws IOException {
        assertThat(Files.readString(
                        Path.of("src/main/resources/org/netra/physics/material", CtDensity.SCHNEIDER_RESOURCE)))
                .isEqualTo(Files.readString(TestData.path("ct-density/Schneider2000DensitiesTable.txt")));
    }

    @Test
    void hitsTheTableNodesExactly() {
        double[][] nodes = {
            {-1000, 1.21e-3},
            {-98, 0.93},
            {-97, 0.930486},
            {14, 1.03},
            {23, 1.031},
            {100, 1.1199},
            {101, 1.0762},
            {1600, 1.9642},
            {3000, 2.8}
        };
        assertThat(schneider.nodesHu()).hasSize(nodes.length);
        for (double[] n : nodes) {
            assertThat(schneider.gramsPerMl(n[0])).as("%s HU", n[0]).isEqualTo(n[1]);
        }
    }

    @Test
    void interpolatesLinearlyBetweenNodesAndClampsOutside() {
        // halfway between 14 HU (1.03) and 23 HU (1.031)
        assertThat(schneider.gramsPerMl(18.5)).isCloseTo(1.0305, within(1e-12));
        // 0 HU between -97 (0.930486) and 14 (1.03): 0.930486 + 97/111·0.099514
        assertThat(schneider.gramsPerMl(0)).isCloseTo(0.930486 + 97.0 / 111 * 0.099514, within(1e-12));
        assertThat(schneider.gramsPerMl(-3024)).isEqualTo(1.21e-3);
        assertThat(schneider.gramsPerMl(4000)).isEqualTo(2.8);
        assertThat(schneider.density(3000).inGramsPerMl()).isEqualTo(2.8);
    }

    /** In place, a whole CT's numbers become the table's densities voxel by voxel (the nodes, a midpoint, clamps). */
    @Test
    void aWholeCtIsConvertedInPlaceToTheTablesDensities() {
        float[] hu = {-3024, -1000, -98, 18.5f, 100, 101, 3000, 4000};
        double[] want = {1.21e-3, 1.21e-3, 0.93, 1.0305, 1.1199, 1.0762, 2.8, 2.8};
        float[] copy = schneider.gramsPerMl(hu);
        schneider.toGramsPerMl(hu);
        for (int i = 0; i < want.length; i++) {
            assertThat(hu[i]).as("voxel %d", i).isCloseTo((float) want[i], within(1e-6f));
        }
        assertThat(hu).containsExactly(copy);
    }

    @Test
    void badCalibrationsAreRefused() {
        assertThatThrownBy(() -> CtDensity.of(new double[] {0, 0}, new double[] {1, 1}))
                .hasMessageContaining("rise");
        assertThatThrownBy(() -> schneider.gramsPerMl(Double.NaN)).hasMessageContaining("NaN");
    }
}

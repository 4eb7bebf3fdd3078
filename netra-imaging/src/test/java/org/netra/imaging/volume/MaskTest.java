package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class MaskTest {
    /**
     * A walk by runs ({@link Mask#next} to the run's start, {@link Mask#runEnd} to its end) visits the selected
     * voxels in ascending order, each once: random runs and single voxels, one at index 0 and one at the grid's
     * last voxel.
     */
    @Test
    void aWalkByRunsVisitsTheSelectedVoxelsInOrder() {
        Geometry g = Geometry.of(17, 13, 11, new double[] {1, 1, 1}, new double[3]);
        java.util.Random random = new java.util.Random(3);
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(g.voxelCount() - 1);
        for (int r = 0; r < 60; r++) {
            int from = random.nextInt(g.voxelCount());
            bits.set(from, Math.min(g.voxelCount(), from + random.nextInt(30)));
        }
        Mask m = Mask.of("voi", g, bits);
        int[] walked = new int[m.voxelCount()];
        int n = 0;
        for (int from = m.next(0), to; from >= 0; from = m.next(to)) {
            to = m.runEnd(from);
            assertThat(to).isGreaterThan(from);
            for (int v = from; v < to; v++) {
                walked[n++] = v;
            }
        }
        assertThat(walked).containsExactly(m.indices());
    }
}

package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class GeometryTest {
    /** An oblique grid: a rotation of 30° about z and 10° about x, as a tilted acquisition. */
    static Geometry oblique() {
        var r = RigidTransform.ofEuler(Math.toRadians(10), 0, Math.toRadians(30), new double[3], 0, 0, 0);
        return Geometry.of(40, 30, 20, new double[] {1.953, 1.953, 2.5}, new double[] {-250, -180, 90}, r.rotation());
    }

    @Property
    void worldAndIndexRoundTrip(
            @ForAll @DoubleRange(min = -5, max = 50) double i,
            @ForAll @DoubleRange(min = -5, max = 50) double j,
            @ForAll @DoubleRange(min = -5, max = 50) double k) {
        Geometry g = oblique();
        double[] w = new double[3];
        double[] back = new double[3];
        g.indexToWorld(i, j, k, w);
        g.worldToIndex(w[0], w[1], w[2], back);
        assertThat(back[0]).isCloseTo(i, within(1e-9));
        assertThat(back[1]).isCloseTo(j, within(1e-9));
        assertThat(back[2]).isCloseTo(k, within(1e-9));
    }

    @Test
    void indexToWorldFollowsDicomConvention() {
        // row direction along -y (P→A), column direction along +x, slices along +z
        Geometry g = Geometry.of(
                4, 4, 4, new double[] {2, 3, 5}, new double[] {10, 20, 30}, new double[] {0, 1, 0, -1, 0, 0, 0, 0, 1});
        double[] w = new double[3];
        g.indexToWorld(1, 2, 3, w);
        // origin + 1·2·(0,-1,0) + 2·3·(1,0,0) + 3·5·(0,0,1)
        assertThat(w).containsExactly(16, 18, 45);
    }

    @Test
    void voxelVolumeIsTheProductOfSpacings() {
        assertThat(oblique().voxelVolume().inCubicMm()).isCloseTo(1.953 * 1.953 * 2.5, within(1e-12));
    }

    @Test
    void flatIndexIsXFastest() {
        Geometry g = Geometry.of(5, 4, 3, new double[] {1, 1, 1}, new double[3]);
        assertThat(g.index(1, 0, 0)).isEqualTo(1);
        assertThat(g.index(0, 1, 0)).isEqualTo(5);
        assertThat(g.index(0, 0, 1)).isEqualTo(20);
    }

    @Test
    void badGridsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Geometry.of(0, 1, 1, new double[] {1, 1, 1}, new double[3]))
                .hasMessageContaining("at least one voxel");
        assertThatThrownBy(() -> Geometry.of(1, 1, 1, new double[] {1, 0, 1}, new double[3]))
                .hasMessageContaining("spacing");
        assertThatThrownBy(() -> Geometry.of(
                        1, 1, 1, new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 1, 0, 0, 0, 0, 1}))
                .hasMessageContaining("not orthonormal");
    }
}

package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplingTest {
    private static ImageVolume random(Geometry g, long seed) {
        var rnd = new Random(seed);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 1000;
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    /** f(x, y, z) = 3 + 0.5x − 0.25y + 2z in world mm: trilinear interpolation reproduces it exactly. */
    private static double linear(double x, double y, double z) {
        return 3 + 0.5 * x - 0.25 * y + 2 * z;
    }

    private static ImageVolume linearField(Geometry g) {
        float[] v = new float[g.voxelCount()];
        double[] w = new double[3];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    g.indexToWorld(i, j, k, w);
                    v[g.index(i, j, k)] = (float) linear(w[0], w[1], w[2]);
                }
            }
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    @Test
    void identityResamplingIsExact() {
        Geometry g = GeometryTest.oblique();
        ImageVolume v = random(g, 1);
        ImageVolume r = Resampling.trilinear(v, g);
        assertThat(r.voxels()).containsExactly(v.voxels());
        assertThat(r.unit()).isEqualTo(VoxelUnit.BQ_PER_ML);
    }

    @Test
    void aLinearFieldIsReproducedByTrilinearInterpolation() {
        Geometry source = GeometryTest.oblique();
        // a finer, differently oriented grid well inside the source
        var rot = RigidTransform.ofEuler(0.2, -0.1, 0.3, new double[3], 0, 0, 0);
        double[] centre = new double[3];
        source.indexToWorld(19.5, 14.5, 9.5, centre);
        Geometry target = Geometry.of(
                12,
                10,
                8,
                new double[] {1.1, 1.3, 1.7},
                new double[] {centre[0] - 5, centre[1] - 5, centre[2] - 5},
                rot.rotation());
        ImageVolume r = Resampling.trilinear(linearField(source), target);
        double[] w = new double[3];
        int checked = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    target.indexToWorld(i, j, k, w);
                    // float voxels: ~1e-7 relative of values up to a few hundred
                    assertThat((double) r.get(i, j, k)).isCloseTo(linear(w[0], w[1], w[2]), within(2e-4));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(960);
    }

    @Test
    void aShiftedGeometryShiftsTheSamples() {
        Geometry g = Geometry.of(20, 15, 10, new double[] {2, 2, 3}, new double[] {0, 0, 0});
        ImageVolume v = random(g, 2);
        // target origin 2 voxels along x and 1 slice along z further: target(i,j,k) = source(i+2, j, k+1)
        Geometry shifted = Geometry.of(20, 15, 10, new double[] {2, 2, 3}, new double[] {4, 0, 3});
        ImageVolume r = Resampling.trilinear(v, shifted, RigidTransform.identity(), -1f);
        assertThat(r.get(0, 0, 0)).isEqualTo(v.get(2, 0, 1));
        assertThat(r.get(17, 14, 8)).isEqualTo(v.get(19, 14, 9));
        assertThat(r.get(18, 0, 0)).as("beyond the source grid").isEqualTo(-1f);
        // the same shift expressed as a transform of the target world
        ImageVolume t = Resampling.trilinear(v, g, RigidTransform.translation(4, 0, 3), -1f);
        assertThat(t.voxels()).containsExactly(r.voxels());
    }

    @Test
    void aHalfVoxelShiftAveragesNeighbours() {
        Geometry g = Geometry.of(4, 1, 1, new double[] {2, 2, 2}, new double[3]);
        ImageVolume v = ImageVolume.wrap(g, VoxelUnit.GY, new float[] {0, 10, 20, 40});
        ImageVolume r = Resampling.trilinear(v, g, RigidTransform.translation(1, 0, 0), 0f);
        assertThat(r.voxels()).containsExactly(5f, 15f, 30f, 0f);
    }

    @Test
    void aRotationAboutTheCentreTurnsTheImage() {
        // 90° about z through the grid centre maps voxel (i, j) to (j', i') of a square grid
        Geometry g = Geometry.of(9, 9, 1, new double[] {1, 1, 1}, new double[3]);
        ImageVolume v = random(g, 3);
        var quarter = RigidTransform.ofEuler(0, 0, Math.PI / 2, new double[] {4, 4, 0}, 0, 0, 0);
        ImageVolume r = Resampling.trilinear(v, g, quarter, 0f);
        // target (i, j) at world (i, j) → source (4 − (j − 4), 4 + (i − 4)) = (8 − j, i)
        for (int j = 0; j < 9; j++) {
            for (int i = 0; i < 9; i++) {
                assertThat(r.get(i, j, 0)).isEqualTo(v.get(8 - j, i, 0));
            }
        }
        // the inverse turns it back
        ImageVolume back = Resampling.trilinear(r, g, quarter.inverse(), 0f);
        assertThat(back.voxels()).containsExactly(v.voxels());
    }

    @Test
    void masksResampleByNearestNeighbour() {
        Geometry fine = Geometry.of(8, 8, 2, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        boolean[] sel = new boolean[fine.voxelCount()];
        for (int j = 2; j < 6; j++) {
            for (int i = 2; i < 6; i++) {
                sel[fine.index(i, j, 0)] = true;
            }
        }
        Mask m = Mask.of("lesion", fine, sel);
        Geometry coarse = Geometry.of(4, 4, 1, new double[] {2, 2, 1}, new double[] {0.4, 0.4, 0});
        Mask r = Resampling.nearest(m, coarse);
        // coarse voxel (i, j) at (2i + 0.4, 2j + 0.4) → nearest fine voxel (2i, 2j)
        assertThat(r.name()).isEqualTo("lesion");
        assertThat(r.voxelCount()).isEqualTo(4);
        assertThat(r.contains(1, 1, 0)).isTrue();
        assertThat(r.contains(2, 2, 0)).isTrue();
        assertThat(r.contains(3, 3, 0)).isFalse();
        assertThat(Resampling.nearest(m, fine).bits()).isEqualTo(m.bits());
    }

    @Test
    void labelMapsKeepTheirNames() {
        Geometry g = Geometry.of(3, 1, 1, new double[] {1, 1, 1}, new double[3]);
        var labels = LabelMap.wrap(g, new byte[] {0, 1, (byte) 200}, java.util.Map.of(1, "liver", 200, "kidney"));
        var shifted = Resampling.nearest(labels, g, RigidTransform.translation(1, 0, 0));
        assertThat(shifted.label(0)).isEqualTo(1);
        assertThat(shifted.label(1)).isEqualTo(200);
        assertThat(shifted.label(2)).isZero();
        assertThat(shifted.mask("kidney").voxelCount()).isEqualTo(1);
    }
}

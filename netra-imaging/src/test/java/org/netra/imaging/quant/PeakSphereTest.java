package org.netra.imaging.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;

class PeakSphereTest {
    @Test
    void aOneMlSphereOnA1MmGridHoldsTheLatticePointsWithinItsRadius() {
        // r = (3/(4π))^⅓ cm = 6.2035 mm: count integer points with x²+y²+z² ≤ r² by brute force
        double r = Math.cbrt(3000 / (4 * Math.PI));
        int n = 0;
        for (int x = -7; x <= 7; x++) {
            for (int y = -7; y <= 7; y++) {
                for (int z = -7; z <= 7; z++) {
                    if (x * x + y * y + z * z <= r * r) {
                        n++;
                    }
                }
            }
        }
        Geometry g = Geometry.of(1, 1, 1, new double[] {1, 1, 1}, new double[3]);
        assertThat(PeakSphere.offsets(g, r)).hasSize(n);
        assertThat(n).isBetween(950, 1050); // ≈ 1000 mm³
    }

    @Test
    void thePeakIsTheBestSphereMeanNotTheMaximum() {
        Geometry g = Geometry.of(40, 40, 40, new double[] {1, 1, 1}, new double[3]);
        float[] v = new float[g.voxelCount()];
        v[g.index(12, 12, 12)] = 1e6f; // a hot voxel: every sphere through it lies inside the image
        for (int k = 20; k < 40; k++) {
            for (int j = 20; j < 40; j++) {
                for (int i = 20; i < 40; i++) {
                    v[g.index(i, j, k)] = 100; // a uniform 20 mm cube
                }
            }
        }
        boolean[] all = new boolean[g.voxelCount()];
        java.util.Arrays.fill(all, true);
        ImageVolume image = ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
        PeakSphere.Peak p = PeakSphere.peak(image, Mask.of("all", g, all));
        int sphere = PeakSphere.offsets(g, Math.cbrt(3000 / (4 * Math.PI))).size();
        // the hot voxel's sphere mean is 1e6/sphere ≈ 1000, above the cube's 100
        assertThat(p.value()).isCloseTo(1e6 / sphere, within(1e-3));
        boolean[] cube = new boolean[g.voxelCount()];
        for (int k = 20; k < 40; k++) {
            for (int j = 20; j < 40; j++) {
                for (int i = 20; i < 40; i++) {
                    cube[g.index(i, j, k)] = true;
                }
            }
        }
        assertThat(PeakSphere.peak(image, Mask.of("cube", g, cube)).value()).isCloseTo(100, within(1e-4));
    }
}

package org.netra.dosimetry.dvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.AbsorbedDose;

class DoseVolumeHistogramTest {
    /**
     * A VOI of N voxels whose doses fall linearly from Dmax: voxel i (0-based, hottest first) holds
     * Dmax·(1 − (i + ½)/N), the dose at its volume centre. Analytically, D_x = Dmax·(1 − x/100) and the
     * mean is Dmax/2.
     */
    @Test
    void aUniformRampGivesTheAnalyticFigures() {
        int n = 1000;
        double dmax = 40;
        Geometry g = Geometry.of(10, 10, 20, new double[] {2, 2, 2}, new double[3]);
        float[] dose = new float[g.voxelCount()];
        BitSet voi = new BitSet();
        // the ramp on every other voxel, shuffled order, and a hot voxel outside the VOI
        for (int i = 0; i < n; i++) {
            int v = 2 * ((i * 7919) % n); // 7919 is prime to 1000: a permutation of the even voxels
            voi.set(v);
            dose[v] = (float) (dmax * (1 - (i + 0.5) / n));
        }
        assertThat(voi.cardinality()).isEqualTo(n);
        dose[1] = 999;
        var dvh = DoseVolumeHistogram.of(ImageVolume.wrap(g, VoxelUnit.GY, dose), Mask.of("tumour", g, voi));
        assertThat(dvh.d2().inGy()).isCloseTo(dmax * 0.98, within(1e-4));
        assertThat(dvh.d50().inGy()).isCloseTo(dmax * 0.50, within(1e-4));
        assertThat(dvh.d98().inGy()).isCloseTo(dmax * 0.02, within(1e-4));
        assertThat(dvh.dose(37.3).inGy()).isCloseTo(dmax * (1 - 0.373), within(1e-4));
        assertThat(dvh.mean().inGy()).isCloseTo(dmax / 2, within(1e-4));
        assertThat(dvh.max().inGy()).isCloseTo(dmax * (1 - 0.5 / n), within(1e-4));
        assertThat(dvh.volume().inMl()).isCloseTo(n * 0.008, within(1e-9));
        assertThat(dvh.fractionReceiving(AbsorbedDose.ofGy(dmax / 4))).isCloseTo(0.75, within(1.0 / n));
        var curve = dvh.curve(5);
        assertThat(curve.fraction()[0]).isEqualTo(1.0);
        assertThat(curve.fraction()[4]).isEqualTo(1.0 / n);
        assertThat(curve.fraction()[2]).isCloseTo(0.5, within(1.0 / n));
    }

    @Test
    void aSingleVoxelVoiHasOneDose() {
        Geometry g = Geometry.of(2, 1, 1, new double[] {1, 1, 1}, new double[3]);
        var dvh = DoseVolumeHistogram.of(
                ImageVolume.wrap(g, VoxelUnit.GY, new float[] {3, 5}), Mask.of("x", g, new boolean[] {false, true}));
        assertThat(dvh.d2().inGy()).isEqualTo(5);
        assertThat(dvh.d98().inGy()).isEqualTo(5);
    }

    @Test
    void wrongInputsAreNamed() {
        Geometry g = Geometry.of(2, 1, 1, new double[] {1, 1, 1}, new double[3]);
        Mask empty = Mask.of("kidney", g, new boolean[2]);
        assertThatThrownBy(() -> DoseVolumeHistogram.of(ImageVolume.zeros(g, VoxelUnit.GY), empty))
                .hasMessageContaining("kidney");
        assertThatThrownBy(() -> DoseVolumeHistogram.of(
                        ImageVolume.zeros(g, VoxelUnit.BQ_PER_ML), Mask.of("k", g, new boolean[] {true, true})))
                .hasMessageContaining("Gy");
    }
}

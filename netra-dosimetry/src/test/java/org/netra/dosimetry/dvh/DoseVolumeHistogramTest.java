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
    /**
     * {@link DoseVolumeHistogram#summary} (order statistics by radix counts) against {@link DoseVolumeHistogram#of}
     * (a full sort): the same doubles for the mean, maximum, D2, D50 and D98, on VOIs of 1, 2, 3, 49 and 60 000
     * voxels whose doses are random over 12 decades, with ties, zeros of both signs and subnormals, and on one
     * where every dose is equal.
     */
    @Test
    void theSummaryIsTheSortedHistogramsFiguresBitForBit() {
        Geometry g = Geometry.of(50, 40, 40, new double[] {2, 2, 2}, new double[3]);
        java.util.Random random = new java.util.Random(9);
        float[] dose = new float[g.voxelCount()];
        for (int v = 0; v < dose.length; v++) {
            dose[v] = switch (random.nextInt(8)) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> Float.MIN_VALUE;
                case 3 -> 17.25f;
                default -> (float) Math.pow(10, 12 * random.nextDouble() - 8);
            };
        }
        float[] flat = new float[g.voxelCount()];
        java.util.Arrays.fill(flat, 3.5f);
        for (int size : new int[] {1, 2, 3, 49, 60_000}) {
            BitSet voi = new BitSet();
            while (voi.cardinality() < size) {
                voi.set(random.nextInt(dose.length));
            }
            Mask m = Mask.of("voi", g, voi);
            for (float[] map : new float[][] {dose, flat}) {
                ImageVolume d = ImageVolume.wrap(g, VoxelUnit.GY, map);
                var sorted = DoseVolumeHistogram.of(d, m);
                var summary = DoseVolumeHistogram.summary(d, m);
                assertThat(summary)
                        .as("%d voxels", size)
                        .isEqualTo(new DoseVolumeHistogram.Summary(
                                sorted.mean(), sorted.max(), sorted.d2(), sorted.d50(), sorted.d98()));
            }
        }
    }

    /** Ranks picked by radix counts against a sorted copy, on floats that share high bits and straddle ±0. */
    @Test
    void orderStatisticsAreTheSortedValues() {
        java.util.Random random = new java.util.Random(10);
        float[] values = new float[5000];
        for (int v = 0; v < values.length; v++) {
            values[v] = random.nextInt(3) == 0
                    ? (random.nextBoolean() ? 0f : -0f)
                    : (float) ((random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(300) * 1e-6));
        }
        float[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int[] ranks = {0, 1, 1666, 2500, 2501, 4998, 4999, 17, 3333};
        float[] picked = OrderStatistics.select(values, ranks);
        for (int r = 0; r < ranks.length; r++) {
            assertThat(Float.floatToRawIntBits(picked[r]))
                    .as("rank %d", ranks[r])
                    .isEqualTo(Float.floatToRawIntBits(sorted[ranks[r]]));
        }
    }
}

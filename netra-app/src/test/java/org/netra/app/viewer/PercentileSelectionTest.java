package org.netra.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The viewer's window top found by selection equals the one read off the fully sorted values. */
class PercentileSelectionTest {

    @Test
    void selectionGivesTheSortedArraysValueAtEveryPercentile() {
        var random = new SplittableRandom(20261203);
        double[] percents = {0, 1, 25, 50, 90, 99, 99.9, 100};
        for (int round = 0; round < 400; round++) {
            int n = 1 + random.nextInt(round < 200 ? 50 : 5000);
            // few distinct values in half the rounds: ties are where a partition goes wrong
            int distinct = round % 2 == 0 ? 1 + random.nextInt(4) : Integer.MAX_VALUE;
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = distinct == Integer.MAX_VALUE
                        ? (float) random.nextDouble(0.001, 1e6)
                        : 1 + random.nextInt(distinct);
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double p : percents) {
                int k = (int) Math.min(n - 1, Math.round(p / 100 * (n - 1)));
                assertThat(Scene.selected(values.clone(), p))
                        .as("n=%d p=%s round %d", n, p, round)
                        .isEqualTo(sorted[k]);
            }
        }
    }

    @Test
    void onlyPositiveVoxelsCountAndNoneGivesZero() {
        assertThat(Scene.percentile(new float[] {-5, 0, Float.NaN, 3, 1, 2}, 100))
                .isEqualTo(3f);
        assertThat(Scene.percentile(new float[] {-5, 0, Float.NaN, 3, 1, 2}, 0)).isEqualTo(1f);
        assertThat(Scene.percentile(new float[] {-1, 0}, 99.9)).isZero();
    }

    @Test
    void theRealSpectsDefaultWindowTopIsTheSortedNinetyNinePointNinthPercentile() throws Exception {
        var spect = org.netra.imaging.volume.SeriesAssembler.assemble(
                        org.netra.testkit.TestData.path("dicom/lu177-dotatate-spect/SCAN_001")
                                .resolve("image"))
                .volume();
        var scene = new Scene(
                "SCAN_001", spect, java.util.Optional.empty(), java.util.List.of(), java.util.Optional.empty(), "");
        float[] voxels = spect.voxels();
        float[] sorted = new float[voxels.length];
        int n = 0;
        for (float v : voxels) {
            if (v > 0) {
                sorted[n++] = v;
            }
        }
        sorted = Arrays.copyOf(sorted, n);
        Arrays.sort(sorted);
        float p999 = sorted[(int) Math.round(0.999 * (n - 1))];
        // the default window, found by selection before anything is sorted
        assertThat(scene.emissionTop()).isEqualTo(p999);
        // other percentiles, after the scene's own sort
        assertThat(scene.emissionTop(new Windowing.Percentile(50))).isEqualTo(sorted[(int) Math.round(0.5 * (n - 1))]);
        assertThat(scene.emissionTop(new Windowing.Percentile(99.9))).isEqualTo(p999);
    }
}

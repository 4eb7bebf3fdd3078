package org.netra.dosimetry.voxel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchFftTest {
    /** Every length with radices 4, 2, 3, 5 in it, against the DFT by its definition in double. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 8, 12, 15, 16, 18, 30, 45, 60, 64, 100, 216, 270})
    void forwardEqualsTheDefinitionAndInverseUndoesIt(int n) {
        checkAgainstTheDefinition(new BatchFft(n, false), 3);
    }

    /**
     * The SIMD passes ({@link VectorButterflies}), on a batch of 2 vectors and a scalar remainder of 5 columns,
     * against the same definition: every radix, vector columns and scalar tail.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8, 12, 30, 60, 216, 270})
    void simdPassesEqualTheDefinitionToo(int n) {
        checkAgainstTheDefinition(new BatchFft(n, true), 2 * BatchFft.lanes() + 5);
    }

    /** The module's tests run with the Vector API (surefire's argLine): a SIMD test that ran scalar would prove nothing. */
    @org.junit.jupiter.api.Test
    void theTestsRunWithTheVectorApi() {
        assertThat(BatchFft.SIMD).isTrue();
        assertThat(BatchFft.lanes()).isGreaterThanOrEqualTo(4);
        assertThat(BatchFft.paddedWidth(270) % BatchFft.lanes()).isZero();
        assertThat(BatchFft.paddedWidth(270)).isBetween(270, 270 + BatchFft.lanes() - 1);
    }

    private static void checkAgainstTheDefinition(BatchFft fft, int width) {
        int n = fft.n;
        var rnd = new Random(n);
        float[] re = new float[n * width], im = new float[n * width];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextFloat() - 0.5f;
            im[i] = rnd.nextFloat() - 0.5f;
        }
        float[] r0 = re.clone(), i0 = im.clone();
        float[] sr = new float[n * width], si = new float[n * width];
        fft.forward(re, im, sr, si, width);
        for (int b = 0; b < width; b++) {
            for (int k = 0; k < n; k++) {
                double xr = 0, xi = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * ((long) j * k % n) / n;
                    double vr = r0[j * width + b], vi = i0[j * width + b];
                    xr += vr * Math.cos(a) - vi * Math.sin(a);
                    xi += vr * Math.sin(a) + vi * Math.cos(a);
                }
                assertThat((double) re[k * width + b])
                        .isCloseTo(xr, org.assertj.core.api.Assertions.within(1e-4 * Math.sqrt(n)));
                assertThat((double) im[k * width + b])
                        .isCloseTo(xi, org.assertj.core.api.Assertions.within(1e-4 * Math.sqrt(n)));
            }
        }
        fft.inverse(re, im, sr, si, width);
        for (int i = 0; i < re.length; i++) {
            assertThat((double) re[i] / n).isCloseTo(r0[i], org.assertj.core.api.Assertions.within(1e-5));
            assertThat((double) im[i] / n).isCloseTo(i0[i], org.assertj.core.api.Assertions.within(1e-5));
        }
    }
}

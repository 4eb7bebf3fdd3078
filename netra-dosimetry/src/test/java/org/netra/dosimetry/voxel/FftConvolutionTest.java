package org.netra.dosimetry.voxel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FftConvolutionTest {
    static float[] random(int n, long seed) {
        var rnd = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat();
        }
        return v;
    }

    /** Largest |fft − direct| relative to the largest |direct|. */
    static double relativeError(float[] fft, float[] direct) {
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < fft.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) fft[i] - direct[i]));
            maxRef = Math.max(maxRef, Math.abs(direct[i]));
        }
        return maxDiff / maxRef;
    }

    @ParameterizedTest(name = "{0}×{1}×{2} ⊛ {3}×{4}×{5}")
    @CsvSource({
        "16,16,16,3,3,3", // even, cubic
        "17,13,9,5,3,7", // odd, non-cubic, kernel longer in z than the map is tall in part
        "24,11,6,11,11,11", // kernel larger than the map along y and z
        "7,30,12,1,5,3",
        "1,1,5,3,3,3"
    })
    void fftEqualsDirectConvolutionOnRandomData(int nx, int ny, int nz, int kx, int ky, int kz) {
        float[] in = random(nx * ny * nz, 1);
        float[] kernel = random(kx * ky * kz, 2);
        float[] direct = DirectConvolution.convolve(in, nx, ny, nz, kernel, kx, ky, kz);
        var plan = new FftConvolution(nx, ny, nz, kernel, kx, ky, kz);
        assertThat(relativeError(plan.convolve(in), direct)).isLessThan(1e-5);
        // a plan is reusable: a second map through the same plan
        float[] in2 = random(nx * ny * nz, 3);
        assertThat(relativeError(plan.convolve(in2), DirectConvolution.convolve(in2, nx, ny, nz, kernel, kx, ky, kz)))
                .isLessThan(1e-5);
    }

    @Test
    void aPointSourceReproducesTheKernelAroundIt() {
        int nx = 20, ny = 18, nz = 15, k = 5;
        float[] kernel = random(k * k * k, 4);
        float[] in = new float[nx * ny * nz];
        int px = 6, py = 9, pz = 7;
        in[px + nx * (py + ny * pz)] = 1f;
        float[] out = new FftConvolution(nx, ny, nz, kernel, k, k, k).convolve(in);
        for (int c = 0; c < k; c++) {
            for (int b = 0; b < k; b++) {
                for (int a = 0; a < k; a++) {
                    int x = px + a - 2, y = py + b - 2, z = pz + c - 2;
                    assertThat((double) out[x + nx * (y + ny * z)])
                            .isCloseTo(kernel[a + k * (b + k * c)], org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
    }

    @Test
    void paddedSizesAreSmoothAndLargeEnough() {
        assertThat(FftConvolution.smooth(261)).isEqualTo(270);
        assertThat(FftConvolution.smooth(7)).isEqualTo(8);
        assertThat(new FftConvolution(256, 256, 199, new float[1331], 11, 11, 11).transformSize())
                .containsExactly(270, 270);
    }

    @Test
    void badKernelsAreRefused() {
        assertThatThrownBy(() -> new FftConvolution(4, 4, 4, new float[8], 2, 2, 2))
                .hasMessageContaining("odd size");
        assertThatThrownBy(() -> new FftConvolution(4, 4, 4, new float[8], 3, 3, 3))
                .hasMessageContaining("do not fill");
    }
}

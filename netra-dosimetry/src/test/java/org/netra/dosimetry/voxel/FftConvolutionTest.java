package org.netra.dosimetry.voxel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netra.testkit.TestData;

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

    /** A kernel mirrored about its centre along x, y and z, as the S-value tables (by |offset|) give. */
    static float[] evenKernel(int kx, int ky, int kz, long seed) {
        float[] octant = random((kx / 2 + 1) * (ky / 2 + 1) * (kz / 2 + 1), seed);
        float[] kernel = new float[kx * ky * kz];
        for (int z = 0; z < kz; z++) {
            for (int y = 0; y < ky; y++) {
                for (int x = 0; x < kx; x++) {
                    int a = Math.abs(x - kx / 2), b = Math.abs(y - ky / 2), c = Math.abs(z - kz / 2);
                    kernel[x + kx * (y + ky * z)] = octant[a + (kx / 2 + 1) * (b + (ky / 2 + 1) * c)];
                }
            }
        }
        return kernel;
    }

    @ParameterizedTest(name = "{0}×{1}×{2} ⊛ even {3}×{4}×{5}")
    @CsvSource({"16,16,16,3,3,3", "17,13,9,5,3,7", "24,11,6,11,11,11", "7,30,12,1,5,3", "1,1,5,3,3,3"})
    void anEvenKernelTakesThePairedSumsAndStillEqualsDirectConvolution(int nx, int ny, int nz, int kx, int ky, int kz) {
        float[] in = random(nx * ny * nz, 5);
        float[] kernel = evenKernel(kx, ky, kz, 6);
        var plan = new FftConvolution(nx, ny, nz, kernel, kx, ky, kz);
        assertThat(plan.evenKernel()).isTrue();
        assertThat(relativeError(plan.convolve(in), DirectConvolution.convolve(in, nx, ny, nz, kernel, kx, ky, kz)))
                .isLessThan(1e-5);
    }

    @Test
    void aKernelOddAlongOneAxisOnlyIsNotTakenForEven() {
        float[] kernel = evenKernel(5, 5, 5, 7);
        assertThat(FftConvolution.isEven(kernel, 5, 5, 5)).isTrue();
        float[] x = kernel.clone(), y = kernel.clone(), z = kernel.clone();
        x[0] += 1; // (−2, −2, −2) no longer equals its mirror (2, −2, −2)
        y[5] += 1; // (−2, −1, −2) against (−2, 1, −2)
        z[2 + 5 * (2 + 5 * 4)] += 1; // (0, 0, 2) against (0, 0, −2)
        assertThat(FftConvolution.isEven(x, 5, 5, 5)).isFalse();
        assertThat(FftConvolution.isEven(y, 5, 5, 5)).isFalse();
        assertThat(FftConvolution.isEven(z, 5, 5, 5)).isFalse();
    }

    /**
     * On the real SPECT's grid (256×256×199) with an 11³ kernel, against SciPy's {@code fftconvolve(…,
     * mode="same")} (float64 NumPy FFTs, an independent implementation): both the even-kernel sums and the
     * general path. Needs /usr/bin/python3 with python3-scipy: skipped without it locally, failed in CI.
     */
    @Test
    void theRealGridAgreesWithScipyFftconvolve(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)
                || new ProcessBuilder(python.toString(), "-c", "import scipy.signal")
                                .start()
                                .waitFor()
                        != 0) {
            TestData.unavailable("Debian's python3-scipy (apt-get install python3-scipy)");
            return;
        }
        int nx = 256, ny = 256, nz = 199, k = 11;
        float[] in = random(nx * ny * nz, 8);
        write(dir.resolve("in.f32"), in);
        for (float[] kernel : new float[][] {evenKernel(k, k, k, 9), random(k * k * k, 10)}) {
            write(dir.resolve("kernel.f32"), kernel);
            String script = "import numpy as np, scipy.signal as s, sys\n"
                    + "d = sys.argv[1]\n"
                    + "a = np.fromfile(d + '/in.f32', '<f4').reshape(199, 256, 256).astype(np.float64)\n"
                    + "k = np.fromfile(d + '/kernel.f32', '<f4').reshape(11, 11, 11).astype(np.float64)\n"
                    + "s.fftconvolve(a, k, mode='same').astype('<f4').tofile(d + '/out.f32')\n";
            Process p = new ProcessBuilder(python.toString(), "-c", script, dir.toString())
                    .redirectErrorStream(true)
                    .start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            float[] scipy = read(dir.resolve("out.f32"), in.length);
            var plan = new FftConvolution(nx, ny, nz, kernel, k, k, k);
            float[] netra = plan.convolve(in);
            double maxAbs = 0, maxRef = 0;
            for (int i = 0; i < netra.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs((double) netra[i] - scipy[i]));
                maxRef = Math.max(maxRef, Math.abs(scipy[i]));
            }
            // values of ≈ 330 (1331 taps of two uniform numbers): single-precision FFTs agree to a few 1e-6
            assertThat(maxAbs / maxRef)
                    .as("max |netra − scipy| = %g of %g", maxAbs, maxRef)
                    .isLessThan(1e-5);
        }
    }

    private static void write(Path file, float[] v) throws IOException {
        var buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        Files.write(file, buf.array());
    }

    private static float[] read(Path file, int n) throws IOException {
        byte[] b = Files.readAllBytes(file);
        assertThat(b).hasSize(4 * n);
        float[] v = new float[n];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
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

    /**
     * The plane transpose, with SIMD tiles (SimdTranspose) and element-wise, against its definition: sizes that are
     * and are not whole tiles, strides longer than the rows, and the destination's padding zeroed.
     */
    @ParameterizedTest(name = "{0}×{1}, strides {2} → {3}")
    @CsvSource({"270,256,256,272", "256,270,272,256", "37,53,60,40", "16,16,16,16", "5,3,3,8"})
    void transposeMovesEveryElementAndZeroesThePadding(int rows, int cols, int srcStride, int dstStride) {
        float[] src = random(rows * srcStride, 5);
        for (float[] tile : new float[][] {null, BatchFft.SIMD ? new float[SimdTranspose.tileSize()] : null}) {
            float[] dst = random(cols * dstStride, 6); // stale values where the padding goes
            FftConvolution.transpose(src, srcStride, dst, dstStride, rows, cols, tile);
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < dstStride; r++) {
                    assertThat(dst[c * dstStride + r]).isEqualTo(r < rows ? src[r * srcStride + c] : 0f);
                }
            }
        }
        assertThat(BatchFft.SIMD)
                .as("the module's tests run the SIMD tiles too")
                .isTrue();
    }

    @Test
    void badKernelsAreRefused() {
        assertThatThrownBy(() -> new FftConvolution(4, 4, 4, new float[8], 2, 2, 2))
                .hasMessageContaining("odd size");
        assertThatThrownBy(() -> new FftConvolution(4, 4, 4, new float[8], 3, 3, 3))
                .hasMessageContaining("do not fill");
    }
}

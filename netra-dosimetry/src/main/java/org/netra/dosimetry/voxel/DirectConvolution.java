package org.netra.dosimetry.voxel;

/**
 * Convolution by the definition, {@code out(p) = Σ_m in(p − m)·kernel(m)}, zero outside the map,
 * summed in double: slow (nx·ny·nz·kx·ky·kz multiply–adds) and plain, the reference the FFT
 * convolution is tested against, and fine for tiny kernels.
 */
public final class DirectConvolution {
    private DirectConvolution() {}

    /** {@code in} (nx×ny×nz, x fastest) convolved with {@code kernel} (kx×ky×kz, odd, centred). */
    public static float[] convolve(float[] in, int nx, int ny, int nz, float[] kernel, int kx, int ky, int kz) {
        check(nx, ny, nz, kernel, kx, ky, kz);
        if (in.length != nx * ny * nz) {
            throw new IllegalArgumentException(
                    in.length + " values do not fill a map of " + nx + "×" + ny + "×" + nz + " voxels");
        }
        int rx = kx / 2, ry = ky / 2, rz = kz / 2;
        float[] out = new float[in.length];
        java.util.stream.IntStream.range(0, nz).parallel().forEach(z -> {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double sum = 0;
                    for (int c = 0; c < kz; c++) {
                        int sz = z - (c - rz);
                        if (sz < 0 || sz >= nz) {
                            continue;
                        }
                        for (int b = 0; b < ky; b++) {
                            int sy = y - (b - ry);
                            if (sy < 0 || sy >= ny) {
                                continue;
                            }
                            for (int a = 0; a < kx; a++) {
                                int sx = x - (a - rx);
                                if (sx >= 0 && sx < nx) {
                                    sum += (double) in[sx + nx * (sy + ny * sz)] * kernel[a + kx * (b + ky * c)];
                                }
                            }
                        }
                    }
                    out[x + nx * (y + ny * z)] = (float) sum;
                }
            }
        });
        return out;
    }

    static void check(int nx, int ny, int nz, float[] kernel, int kx, int ky, int kz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(
                    "a map needs at least one voxel per axis, got " + nx + "×" + ny + "×" + nz);
        }
        if (kx % 2 == 0 || ky % 2 == 0 || kz % 2 == 0 || kx < 1 || ky < 1 || kz < 1) {
            throw new IllegalArgumentException(
                    "a kernel has an odd size along each axis (a centre voxel), got " + kx + "×" + ky + "×" + kz);
        }
        if (kernel.length != kx * ky * kz) {
            throw new IllegalArgumentException(
                    kernel.length + " kernel values do not fill " + kx + "×" + ky + "×" + kz);
        }
    }
}

package org.netra.dosimetry.voxel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A reusable plan for convolving nx×ny×nz maps (x fastest) with one small odd-sized real kernel, "same"
 * size and zero outside the map (as SciPy's {@code fftconvolve(..., mode="same")}):
 * {@code out(p) = Σ_m in(p − m)·kernel(m)}, m running over the kernel's offsets from its centre.
 *
 * <p>How, and why it is fast:
 *
 * <ul>
 *   <li>Only x and y are Fourier-transformed, slice by slice, on a grid padded just enough
 *       ({@code ≥ n + r}, 2-3-5-smooth) that no kernel reach wraps around. Along z, where the kernel has
 *       only 2r+1 taps, the convolution is done directly on the spectra, {@code Ŷ_z = Σ_d K̂_d·X̂_{z−d}}:
 *       no z-FFT and none of its strided memory traffic.
 *   <li>The kernel is real, so two real slices travel as one complex plane: plane t carries slice t
 *       (real part) and slice t + ⌈nz/2⌉ (imaginary part), with r halo planes at each end. This halves the
 *       transforms without any Hermitian bookkeeping.
 *   <li>The 2-D FFTs are batched ({@link BatchFft}): every butterfly runs over a whole row of the
 *       plane, contiguous in memory, in explicit SIMD vectors when the JVM has the Vector API and C2
 *       ({@link VectorButterflies}; rows padded to whole vectors), scalar otherwise; a transpose
 *       ({@link SimdTranspose} tiles with SIMD) sits between the y and x passes. Zero-padding rows and
 *       columns are skipped where they stay zero. SIMD: 0.25–0.29 → 0.08–0.10 CPU-s on 256×256×199 ⊛ 11³
 *       (docs/benchmarks.md).
 *   <li>An even kernel (mirror-symmetric along each axis, as every tabulated S-value kernel) has real 2-D
 *       spectra with K̂_d = K̂_{−d}: the z sums pair the planes at ±d and multiply once by a real number,
 *       a quarter of the general sums' arithmetic (DvkCpuDriver: 0.31 → 0.25 CPU-s on 256×256×199 ⊛ 11³).
 *   <li>Both phases (forward planes, then output planes) run plane-parallel on all cores; kernel
 *       spectra, plane spectra and scratch are allocated once per plan.
 * </ul>
 *
 * A plan is not for concurrent use by several threads (it parallelises itself).
 */
public final class FftConvolution {
    private final int nx, ny, nz;
    private final int kx, ky, kz;
    private final int rx, ry, rz;
    /** Padded transform sizes along x and y. */
    private final int mx, my;
    /**
     * Row lengths of the [y][x] map planes (≥ nx) and of the [kx][ky] spectra (≥ my): whole SIMD vectors
     * ({@link BatchFft#paddedWidth}), so every batched pass runs in vectors; the extra columns hold zeros.
     */
    private final int xStride, yStride;
    /** Slices carried in the real parts: slice t + half rides in plane t's imaginary part. */
    private final int half;

    /** Floats of a spectrum ([kx][ky], rows yStride long) and of a worker's plane (either layout). */
    private final int spectrumSize, planeSize;

    private final BatchFft fftX, fftY;
    /** Kernel spectra per z offset, [kx][ky], scaled by 1/(mx·my) so the inverse needs no scaling. */
    private final float[][] kernelRe, kernelIm;
    /** Spectra of the planes t = −rz … half + rz − 1 (index t + rz), [kx][ky]. */
    private final float[][] planeRe, planeIm;

    private final Worker[] workers;

    /**
     * True when the kernel is even along x and y in every z slice (its 2-D spectra are then real: only
     * {@link #kernelRe} is used) and even along z (K̂_d = K̂_{−d}): the output sums pair the planes at ±d
     * before one real multiply, 6 real×complex products per voxel for 11 taps instead of 11 complex ones.
     * Dose-voxel kernels tabulated by |offset| along each axis, as the published S-value tables are, are.
     */
    private final boolean symmetric;

    /** Output planes computed together, and the spectrum chunk (floats) they share in cache. */
    private static final int GROUP = 4, CHUNK = 2048;

    /**
     * A plan for maps of nx×ny×nz and the real kernel {@code kernel} of kx×ky×kz (odd sizes, x fastest,
     * centre at the middle voxel).
     */
    public FftConvolution(int nx, int ny, int nz, float[] kernel, int kx, int ky, int kz) {
        DirectConvolution.check(nx, ny, nz, kernel, kx, ky, kz);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.kx = kx;
        this.ky = ky;
        this.kz = kz;
        this.rx = kx / 2;
        this.ry = ky / 2;
        this.rz = kz / 2;
        this.mx = smooth(nx + rx);
        this.my = smooth(ny + ry);
        this.half = (nz + 1) / 2;
        this.xStride = BatchFft.paddedWidth(nx);
        this.yStride = BatchFft.paddedWidth(my);
        this.spectrumSize = mx * yStride;
        this.planeSize = Math.max(spectrumSize, my * Math.max(mx, xStride));
        this.fftX = new BatchFft(mx);
        this.fftY = new BatchFft(my);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker();
        }
        int planes = half + 2 * rz;
        this.planeRe = new float[planes][spectrumSize];
        this.planeIm = new float[planes][spectrumSize];
        this.symmetric = isEven(kernel, kx, ky, kz);
        this.kernelRe = new float[kz][];
        this.kernelIm = new float[kz][];
        float scale = 1f / (mx * my);
        Worker w = workers[0];
        for (int d = 0; d < kz; d++) {
            if (symmetric && d > rz) {
                // an even kernel's slices at ±d are equal, so are their spectra: one transform, shared (read only).
                // For the long-range photons' coarse kernel (103 slices) this halves the plan's set-up.
                kernelRe[d] = kernelRe[kz - 1 - d];
                kernelIm[d] = kernelIm[kz - 1 - d];
                continue;
            }
            // the kernel slice on the padded plane, [y][x], offsets wrapped around
            Arrays.fill(w.re, 0f);
            Arrays.fill(w.im, 0f);
            for (int j = 0; j < ky; j++) {
                int y = Math.floorMod(j - ry, my);
                for (int i = 0; i < kx; i++) {
                    w.re[y * mx + Math.floorMod(i - rx, mx)] = kernel[i + kx * (j + ky * d)] * scale;
                }
            }
            kernelRe[d] = new float[spectrumSize];
            kernelIm[d] = new float[spectrumSize];
            w.forwardPlane(mx, mx, kernelRe[d], kernelIm[d]);
        }
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** The kernel's size along x, y and z. */
    public int[] kernelSize() {
        return new int[] {kx, ky, kz};
    }

    /** The padded 2-D transform size (x, y) this plan uses. */
    public int[] transformSize() {
        return new int[] {mx, my};
    }

    /**
     * True when the 2-D transforms run SIMD passes (the JVM was given {@code --add-modules jdk.incubator.vector}
     * and C2 compiles: {@link BatchFft#SIMD}); false when they run scalar, ≈ 2.5× the CPU time.
     */
    public boolean simd() {
        return BatchFft.SIMD;
    }

    /** True when the plan uses the even-kernel sums (the kernel is mirror-symmetric along x, y and z). */
    public boolean evenKernel() {
        return symmetric;
    }

    /** Mirror symmetry of the kernel along each axis about its centre voxel, exactly (float equality). */
    static boolean isEven(float[] kernel, int kx, int ky, int kz) {
        for (int d = 0; d < kz; d++) {
            for (int j = 0; j < ky; j++) {
                for (int i = 0; i < kx; i++) {
                    float v = kernel[i + kx * (j + ky * d)];
                    if (v != kernel[(kx - 1 - i) + kx * (j + ky * d)]
                            || v != kernel[i + kx * ((ky - 1 - j) + ky * d)]
                            || v != kernel[i + kx * (j + ky * (kz - 1 - d))]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Convolves {@code in} into {@code out} (both nx·ny·nz, x fastest; they must not be the same array). */
    public void convolve(float[] in, float[] out) {
        int n = nx * ny * nz;
        if (in.length != n || out.length != n) {
            throw new IllegalArgumentException("this plan convolves maps of " + nx + "×" + ny + "×" + nz + " = " + n
                    + " voxels; got " + in.length + " in and " + out.length + " out");
        }
        if (in == out) {
            throw new IllegalArgumentException("convolution cannot run in place; give it a separate output array");
        }
        AtomicInteger next = new AtomicInteger();
        int planes = half + 2 * rz;
        run(w -> {
            for (int p; (p = next.getAndIncrement()) < planes; ) {
                w.forwardInput(in, p - rz, p);
            }
        });
        AtomicInteger nextOut = new AtomicInteger();
        run(w -> {
            for (int t; (t = nextOut.getAndAdd(GROUP)) < half; ) {
                w.output(out, t, Math.min(GROUP, half - t));
            }
        });
    }

    /** Convolves {@code in} into a new array. */
    public float[] convolve(float[] in) {
        float[] out = new float[nx * ny * nz];
        convolve(in, out);
        return out;
    }

    private void run(Consumer<Worker> task) {
        if (workers.length == 1) {
            task.accept(workers[0]);
        } else {
            IntStream.range(0, workers.length).parallel().forEach(t -> task.accept(workers[t]));
        }
    }

    /** One thread's planes and scratch. */
    private final class Worker {
        /** A plane in [y][x] (or [ky][x]) layout. */
        final float[] re = new float[planeSize], im = new float[planeSize];

        private final float[] scratchRe = new float[planeSize], scratchIm = new float[planeSize];
        /** SimdTranspose's scratch tile, null without the SIMD passes. */
        private final float[] tile = BatchFft.SIMD ? new float[SimdTranspose.tileSize()] : null;

        private final float[][] accRe = new float[GROUP][spectrumSize], accIm = new float[GROUP][spectrumSize];

        /** Plane {@code p}: slice t in the real part, slice t + half in the imaginary part. */
        void forwardInput(float[] in, int t, int p) {
            fillRows(in, t, re);
            fillRows(in, t + half, im);
            forwardPlane(nx, xStride, planeRe[p], planeIm[p]);
        }

        /**
         * Slice z's rows into a [y][x] plane of row length xStride with zero rows to my (zeros outside the map and
         * in the columns nx … xStride − 1).
         */
        private void fillRows(float[] in, int z, float[] plane) {
            if (z < 0 || z >= nz) {
                Arrays.fill(plane, 0, my * xStride, 0f);
                return;
            }
            if (xStride == nx) {
                System.arraycopy(in, z * nx * ny, plane, 0, nx * ny);
            } else {
                for (int y = 0; y < ny; y++) {
                    System.arraycopy(in, (z * ny + y) * nx, plane, y * xStride, nx);
                    Arrays.fill(plane, y * xStride + nx, (y + 1) * xStride, 0f);
                }
            }
            Arrays.fill(plane, ny * xStride, my * xStride, 0f);
        }

        /**
         * 2-D FFT of (re, im), a [y][x] plane of {@code width} columns (nonzero) in rows {@code stride} long, into
         * [kx][ky] (outRe, outIm) with rows yStride long.
         */
        void forwardPlane(int width, int stride, float[] outRe, float[] outIm) {
            // each pass's result is read where it lands, and the x pass starts in the pair that makes it end in
            // (outRe, outIm): no copies back after an odd number of radix stages (270 has five)
            fftY.forwardWhereItLands(re, im, scratchRe, scratchIm, stride);
            boolean yInScratch = fftY.endsInScratch();
            float[] yRe = yInScratch ? scratchRe : re, yIm = yInScratch ? scratchIm : im;
            float[] freeRe = yInScratch ? re : scratchRe, freeIm = yInScratch ? im : scratchIm;
            boolean xOdd = fftX.endsInScratch();
            float[] startRe = xOdd ? freeRe : outRe, startIm = xOdd ? freeIm : outIm;
            // [ky][x] → [x][ky]; columns x ≥ width are zero
            transpose(yRe, stride, startRe, yStride, my, width, tile);
            transpose(yIm, stride, startIm, yStride, my, width, tile);
            Arrays.fill(startRe, width * yStride, mx * yStride, 0f);
            Arrays.fill(startIm, width * yStride, mx * yStride, 0f);
            if (xOdd) {
                fftX.forwardWhereItLands(startRe, startIm, outRe, outIm, yStride);
            } else {
                fftX.forwardWhereItLands(outRe, outIm, freeRe, freeIm, yStride);
            }
        }

        /** Output slices t … t + count − 1 and those + half, from Σ_d K̂_d·Ĉ_{t−(d−rz)}. */
        void output(float[] out, int t, int count) {
            // multiply–accumulate in cache-sized chunks, several output planes at once, so each kernel
            // and plane chunk is loaded once for all the outputs it feeds
            for (int c = 0; c < count && !symmetric; c++) { // the even sums start by assigning
                Arrays.fill(accRe[c], 0f);
                Arrays.fill(accIm[c], 0f);
            }
            for (int s0 = 0; s0 < spectrumSize; s0 += CHUNK) {
                int s1 = Math.min(spectrumSize, s0 + CHUNK);
                if (symmetric) {
                    evenSums(t, count, s0, s1);
                    continue;
                }
                for (int d = 0; d < kz; d++) {
                    float[] kr = kernelRe[d], ki = kernelIm[d];
                    for (int c = 0; c < count; c++) {
                        int p = t + c - (d - rz) + rz;
                        float[] xr = planeRe[p], xi = planeIm[p], ar = accRe[c], ai = accIm[c];
                        for (int s = s0; s < s1; s++) {
                            float a = kr[s], b = ki[s], x = xr[s], e = xi[s];
                            ar[s] += a * x - b * e;
                            ai[s] += a * e + b * x;
                        }
                    }
                }
            }
            for (int c = 0; c < count; c++) {
                inverse(out, t + c, accRe[c], accIm[c]);
            }
        }

        /**
         * Σ_d K̂_d·Ĉ_{t−d} over spectrum elements s0 … s1 − 1 for an even kernel: K̂ real and K̂_d = K̂_{−d}, so
         * K̂_0·Ĉ_t + Σ_{d>0} K̂_d·(Ĉ_{t−d} + Ĉ_{t+d}).
         */
        private void evenSums(int t, int count, int s0, int s1) {
            for (int c = 0; c < count; c++) {
                int p = t + c + rz; // plane of the output slice
                float[] ar = accRe[c], ai = accIm[c];
                float[] k0 = kernelRe[rz], xr = planeRe[p], xi = planeIm[p];
                for (int s = s0; s < s1; s++) {
                    ar[s] = k0[s] * xr[s];
                    ai[s] = k0[s] * xi[s];
                }
                for (int d = 1; d <= rz; d++) {
                    float[] k = kernelRe[rz + d];
                    float[] lr = planeRe[p - d], li = planeIm[p - d], hr = planeRe[p + d], hi = planeIm[p + d];
                    for (int s = s0; s < s1; s++) {
                        ar[s] += k[s] * (lr[s] + hr[s]);
                        ai[s] += k[s] * (li[s] + hi[s]);
                    }
                }
            }
        }

        private void inverse(float[] out, int t, float[] ar, float[] ai) {
            fftX.inverseWhereItLands(ar, ai, scratchRe, scratchIm, yStride);
            boolean xInScratch = fftX.endsInScratch();
            // [x][ky] → [ky][x], only the x < nx the output needs
            transpose(xInScratch ? scratchRe : ar, yStride, re, xStride, nx, my, tile);
            transpose(xInScratch ? scratchIm : ai, yStride, im, xStride, nx, my, tile);
            fftY.inverseWhereItLands(re, im, scratchRe, scratchIm, xStride);
            boolean yInScratch = fftY.endsInScratch();
            copyRows(yInScratch ? scratchRe : re, out, t);
            if (t + half < nz) {
                copyRows(yInScratch ? scratchIm : im, out, t + half);
            }
        }

        /** The map's rows of a [y][x] plane (rows xStride long) into output slice z. */
        private void copyRows(float[] plane, float[] out, int z) {
            if (xStride == nx) {
                System.arraycopy(plane, 0, out, z * nx * ny, nx * ny);
                return;
            }
            for (int y = 0; y < ny; y++) {
                System.arraycopy(plane, y * xStride, out, (z * ny + y) * nx, nx);
            }
        }
    }

    /**
     * dst[c][r] = src[r][c] for r < rows, c < cols, source rows srcStride long and destination rows dstStride
     * long, in cache-sized blocks; the destination's padding (r ≥ rows) is set to zero so that the batch columns
     * the SIMD passes carry along never hold stale values. {@code tile} is {@link SimdTranspose}'s scratch, null
     * for the element-wise transpose.
     */
    static void transpose(float[] src, int srcStride, float[] dst, int dstStride, int rows, int cols, float[] tile) {
        if (tile != null) {
            // whole SIMD tiles first (SimdTranspose), then the strips below and to the right of them element-wise
            int[] done = SimdTranspose.tiles(src, srcStride, dst, dstStride, rows, cols, tile);
            scalarTranspose(src, srcStride, dst, dstStride, 0, done[0], done[1], cols);
            scalarTranspose(src, srcStride, dst, dstStride, done[0], rows, 0, cols);
        } else {
            scalarTranspose(src, srcStride, dst, dstStride, 0, rows, 0, cols);
        }
        if (dstStride > rows) {
            for (int c = 0; c < cols; c++) {
                Arrays.fill(dst, c * dstStride + rows, (c + 1) * dstStride, 0f);
            }
        }
    }

    /** dst[c·dstStride + r] = src[r·srcStride + c] for rows r0 … r1 − 1 and columns c0 … c1 − 1, in blocks. */
    private static void scalarTranspose(
            float[] src, int srcStride, float[] dst, int dstStride, int r0, int r1, int c0, int c1) {
        final int block = 32;
        for (int rb = r0; rb < r1; rb += block) {
            int re = Math.min(r1, rb + block);
            for (int cb = c0; cb < c1; cb += block) {
                int ce = Math.min(c1, cb + block);
                for (int r = rb; r < re; r++) {
                    int s = r * srcStride;
                    for (int c = cb; c < ce; c++) {
                        dst[c * dstStride + r] = src[s + c];
                    }
                }
            }
        }
    }

    /** The smallest n' ≥ n whose prime factors are 2, 3 and 5. */
    static int smooth(int n) {
        for (int m = Math.max(n, 1); ; m++) {
            if (BatchFft.supported(m)) {
                return m;
            }
        }
    }
}

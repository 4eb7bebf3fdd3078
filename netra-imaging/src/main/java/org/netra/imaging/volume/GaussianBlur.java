package org.netra.imaging.volume;

import java.util.stream.IntStream;

/**
 * Separable 3-D Gaussian blur of a volume (a SPECT point-spread function; smoothing before registration), each 1-D kernel sampled at
 * voxel centres to ±4σ and normalised to 1, so total activity is kept except what leaves the grid.
 */
public final class GaussianBlur {
    /** FWHM = 2·√(2 ln 2)·σ. */
    public static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    /** Rows along y or z a task blurs with one accumulator: enough tasks to share out, few arrays. */
    private static final int ROWS_PER_RUN = 64;

    private GaussianBlur() {}

    public static ImageVolume blur(ImageVolume in, double fwhmMm) {
        return fwhmMm == 0 ? in.copy() : blurOver(in, in.voxels().clone(), fwhmMm);
    }

    /**
     * {@link #blur}'s volume, the same floats, from a volume its caller has no further use for: {@code in}'s voxels
     * are overwritten (they hold a pass's partial result afterwards). One array of the volume's size fewer than
     * {@link #blur} makes, for an input made only to be blurred (a region's indicator in its box, a CT shifted and
     * averaged for registration).
     */
    public static ImageVolume blurConsuming(ImageVolume in, double fwhmMm) {
        return fwhmMm == 0 ? in : blurOver(in, in.voxels(), fwhmMm);
    }

    /** The blur of {@code in}, whose voxels {@code a} holds and which the passes may overwrite. */
    private static ImageVolume blurOver(ImageVolume in, float[] a, double fwhmMm) {
        Geometry g = in.geometry();
        float[] b = new float[a.length];
        int[] dims = {g.nx(), g.ny(), g.nz()};
        Spans spans = Spans.of(a, g.nx(), g.ny() * g.nz());
        for (int axis = 0; axis < 3; axis++) {
            double[] k = kernel(fwhmMm / FWHM_PER_SIGMA / g.spacing(axis));
            spans = pass(a, spans, b, dims, axis, k, axis == 2);
            float[] t = a;
            a = b;
            b = t;
        }
        return ImageVolume.wrap(g, in.unit(), a);
    }

    /**
     * {@link #blur}'s floats at the voxels (i·stride, j·stride, k·stride) only, x fastest (what a registration samples
     * of a blurred image): each pass computes only what the next reads, the x pass every row at the sampled x, the y
     * pass the sampled (x, y) of every plane, the z pass the samples; at a stride of 8 about a seventh of the blur's
     * work. Each value is the same sum in the same order as {@link #blur}'s (its ±0 terms added here, which leave the
     * sum as it was), so the same float.
     */
    static float[] sampled(ImageVolume in, double fwhmMm, int stride) {
        Geometry g = in.geometry();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int cx = (nx + stride - 1) / stride, cy = (ny + stride - 1) / stride, cz = (nz + stride - 1) / stride;
        float[] v = in.voxels();
        if (fwhmMm == 0) {
            float[] picked = new float[cx * cy * cz];
            for (int k = 0, o = 0; k < cz; k++) {
                for (int j = 0; j < cy; j++) {
                    for (int i = 0; i < cx; i++, o++) {
                        picked[o] = v[i * stride + nx * (j * stride + ny * k * stride)];
                    }
                }
            }
            return picked;
        }
        double[] kx = kernel(fwhmMm / FWHM_PER_SIGMA / g.spacing(0));
        double[] ky = kernel(fwhmMm / FWHM_PER_SIGMA / g.spacing(1));
        double[] kz = kernel(fwhmMm / FWHM_PER_SIGMA / g.spacing(2));
        // along x: every x-row (y, z) at the sampled x, a[(z·ny + y)·cx + i]
        float[] a = new float[cx * ny * nz];
        IntStream.range(0, nz).parallel().forEach(z -> {
            for (int row = z * ny; row < (z + 1) * ny; row++) {
                for (int i = 0; i < cx; i++) {
                    a[row * cx + i] = tapSum(kx, v, row * nx, 1, i * stride, nx);
                }
            }
        });
        // along y: the sampled (x, y) of every plane, b[(z·cy + j)·cx + i]
        float[] b = new float[cx * cy * nz];
        IntStream.range(0, nz).parallel().forEach(z -> {
            for (int j = 0; j < cy; j++) {
                for (int i = 0; i < cx; i++) {
                    b[(z * cy + j) * cx + i] = tapSum(ky, a, z * ny * cx + i, cx, j * stride, ny);
                }
            }
        });
        float[] out = new float[cx * cy * cz];
        IntStream.range(0, cz).parallel().forEach(k -> {
            for (int j = 0; j < cy; j++) {
                for (int i = 0; i < cx; i++) {
                    out[(k * cy + j) * cx + i] = tapSum(kz, b, j * cx + i, cx * cy, k * stride, nz);
                }
            }
        });
        return out;
    }

    /**
     * One voxel of a pass: Σ k[t − c + r]·line[t] over the line's t within [c − r, c + r] and [0, n), by ascending t,
     * in double, rounded to float; the line's voxel t is {@code values[start + t·step]}.
     */
    private static float tapSum(double[] k, float[] values, int start, int step, int c, int n) {
        int r = k.length / 2;
        double s = 0;
        for (int t = Math.max(0, c - r); t <= Math.min(n - 1, c + r); t++) {
            s += k[t - c + r] * values[start + t * step];
        }
        return (float) s;
    }

    /**
     * What {@link #blur} makes of a volume of ones along one axis: 1 inside, less within the kernel's radius of the
     * grid's ends, where part of the kernel falls outside. The blur is separable, so the 3-D blur of ones is the
     * product of the three axes' profiles: no volume needs blurring to know it.
     */
    public static double[] onesProfile(Geometry g, double fwhmMm, int axis) {
        int n = axis == 0 ? g.nx() : axis == 1 ? g.ny() : g.nz();
        double[] p = new double[n];
        if (fwhmMm == 0) {
            java.util.Arrays.fill(p, 1);
            return p;
        }
        double[] k = kernel(fwhmMm / FWHM_PER_SIGMA / g.spacing(axis));
        int r = k.length / 2;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++) {
                s += k[j - i + r];
            }
            p[i] = s;
        }
        return p;
    }

    /** The kernel's radius in voxels along each axis: beyond it the blur adds nothing. */
    public static int[] radii(Geometry g, double fwhmMm) {
        int[] r = new int[3];
        for (int axis = 0; axis < 3; axis++) {
            r[axis] = fwhmMm == 0 ? 0 : radius(fwhmMm / FWHM_PER_SIGMA / g.spacing(axis));
        }
        return r;
    }

    private static int radius(double sigmaVoxels) {
        return Math.max(1, (int) Math.ceil(4 * sigmaVoxels));
    }

    private static double[] kernel(double sigmaVoxels) {
        int r = radius(sigmaVoxels);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigmaVoxels * sigmaVoxels));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * Where each x-row of a volume can hold anything but zero: voxels {@code first[row]} to {@code end[row]} − 1, the
     * rest of the row ±0 ({@code first >= end}: the whole row). A region's indicator in its box (the transfer
     * matrix's columns) or a CT's air is mostly such rows and row ends. A ±0 term leaves a pass's sum as it was (the
     * sum starts at +0 and is never −0: +0 + ±0 is +0, and a non-zero sum plus ±0 is itself), so a pass adds only
     * the terms within the spans: the other terms' sums, in the same order, the same numbers. The first pass's spans
     * are found by reading each row from both ends to its outermost non-zero voxels (a dense image's first and
     * last); each pass gives the next one's without reading its output again.
     */
    private record Spans(int[] first, int[] end) {
        static Spans of(float[] in, int nx, int rows) {
            int[] first = new int[rows], end = new int[rows];
            IntStream.range(0, runs(rows)).parallel().forEach(run -> {
                for (int row = run * ROWS_PER_RUN; row < Math.min(rows, (run + 1) * ROWS_PER_RUN); row++) {
                    int start = row * nx;
                    int a = 0;
                    while (a < nx && in[start + a] == 0) {
                        a++;
                    }
                    int b = nx;
                    while (b > a && in[start + b - 1] == 0) {
                        b--;
                    }
                    first[row] = a;
                    end[row] = b;
                }
            });
            return new Spans(first, end);
        }

        static Spans empty(int rows) {
            return new Spans(new int[rows], new int[rows]);
        }
    }

    private static int runs(int rows) {
        return (rows + ROWS_PER_RUN - 1) / ROWS_PER_RUN;
    }

    /**
     * One pass along {@code axis}: {@code in}'s non-zero spans given, {@code out}'s returned (a superset of its
     * non-zero voxels). Each output voxel is the sum, in double and by ascending input index along the axis, of
     * the kernel's weights times the input voxels within the grid: the same terms in the same order as a voxel-by-
     * voxel convolution, less the ±0 ones ({@link Spans}). The sums are accumulated a whole x-row at a time, x
     * innermost (contiguous, which the JIT vectorises): along x, one kernel tap over the row per step; along y or
     * z, whose lines' voxels are a row or a plane apart and would miss the cache at every tap one voxel at a time,
     * one input x-row per step.
     */
    private static Spans pass(float[] in, Spans spans, float[] out, int[] dims, int axis, double[] k, boolean last) {
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int r = k.length / 2;
        int rows = ny * nz;
        Spans next = last ? null : Spans.empty(rows);
        int[] first = spans.first(), end = spans.end();
        int n = dims[axis];
        int stride = axis == 1 ? nx : nx * ny;
        // one accumulator per run of rows, zeroed over a row's span, not one allocated per row: a blur of a
        // 256×256×200 CT made 100 000 of them (a third of a real-size cycle's allocation, docs/benchmarks.md, memory)
        IntStream.range(0, runs(rows)).parallel().forEach(run -> {
            double[] acc = new double[nx];
            for (int row = run * ROWS_PER_RUN; row < Math.min(rows, (run + 1) * ROWS_PER_RUN); row++) {
                int to, lo, hi;
                if (axis == 0) {
                    to = row * nx;
                    int f = first[row], e = end[row];
                    // outputs within the kernel's radius of the span
                    lo = Math.max(0, f - r);
                    hi = f < e ? Math.min(nx, e + r) : 0;
                    if (lo < hi) {
                        java.util.Arrays.fill(acc, lo, hi, 0);
                        for (int t = 0; t <= 2 * r; t++) {
                            // output i reads input i + t − r, which must lie in [f, e)
                            int a = Math.max(lo, f + r - t), b = Math.min(hi, e + r - t);
                            double w = k[t];
                            int from = to + t - r;
                            addScaled(acc, a, b, w, in, from);
                        }
                    }
                } else {
                    // row = (other coordinate, output index along the axis)
                    int i = row % n;
                    int other = row / n;
                    int base = axis == 1 ? other * nx * ny : other * nx;
                    to = base + i * stride;
                    int j0 = Math.max(0, i - r), j1 = Math.min(n - 1, i + r);
                    // the input x-row (other, j) is row j + ny·other along y, other + ny·j along z
                    int rowStep = axis == 1 ? 1 : ny, rowBase = axis == 1 ? ny * other : other;
                    lo = nx;
                    hi = 0;
                    for (int j = j0; j <= j1; j++) {
                        int inRow = rowBase + rowStep * j;
                        if (first[inRow] < end[inRow]) {
                            lo = Math.min(lo, first[inRow]);
                            hi = Math.max(hi, end[inRow]);
                        }
                    }
                    if (lo < hi) {
                        java.util.Arrays.fill(acc, lo, hi, 0);
                        for (int j = j0; j <= j1; j++) {
                            int inRow = rowBase + rowStep * j;
                            double w = k[j - i + r];
                            int from = base + j * stride;
                            addScaled(acc, first[inRow], end[inRow], w, in, from);
                        }
                    }
                }
                if (lo < hi) {
                    java.util.Arrays.fill(out, to, to + lo, 0f);
                    for (int x = lo; x < hi; x++) {
                        out[to + x] = (float) acc[x];
                    }
                    java.util.Arrays.fill(out, to + hi, to + nx, 0f);
                } else {
                    java.util.Arrays.fill(out, to, to + nx, 0f);
                }
                if (next != null) {
                    // the output row's index among x-rows: (i, other) along y and z alike is i + ny·other for y
                    int outRow = axis == 2 ? (row % n) * ny + row / n : row;
                    next.first()[outRow] = lo;
                    next.end()[outRow] = hi;
                }
            }
        });
        return next;
    }

    /** {@code acc[x] += w · in[from + x]} for x in [lo, hi): a pass's one step, a loop the JIT vectorises. */
    private static void addScaled(double[] acc, int lo, int hi, double w, float[] in, int from) {
        for (int x = lo; x < hi; x++) {
            acc[x] += w * in[from + x];
        }
    }
}

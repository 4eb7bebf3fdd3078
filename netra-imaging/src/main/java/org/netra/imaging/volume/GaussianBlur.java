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
        for (int axis = 0; axis < 3; axis++) {
            double[] k = kernel(fwhmMm / FWHM_PER_SIGMA / g.spacing(axis));
            pass(a, b, dims, axis, k);
            float[] t = a;
            a = b;
            b = t;
        }
        return ImageVolume.wrap(g, in.unit(), a);
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
     * Which x-rows of a volume hold only zeros. A region's indicator in its box (the transfer matrix's columns) or a
     * CT's air is mostly such rows; their blur along x is zero, and along y or z they add nothing, so a pass skips
     * them: the sums of the other terms are the same numbers in the same order. Finding them costs a read up to a
     * row's first non-zero voxel, the first one in a dense image.
     */
    private static boolean[] zeroRows(float[] in, int nx, int rows) {
        boolean[] zero = new boolean[rows];
        IntStream.range(0, rows).parallel().forEach(row -> {
            int start = row * nx;
            int x = 0;
            while (x < nx && in[start + x] == 0) {
                x++;
            }
            zero[row] = x == nx;
        });
        return zero;
    }

    private static void pass(float[] in, float[] out, int[] dims, int axis, double[] k) {
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int r = k.length / 2;
        boolean[] zero = zeroRows(in, nx, ny * nz);
        if (axis == 0) {
            // lines along x are contiguous
            IntStream.range(0, ny * nz).parallel().forEach(line -> {
                int start = line * nx;
                if (zero[line]) {
                    java.util.Arrays.fill(out, start, start + nx, 0f);
                    return;
                }
                for (int i = 0; i < nx; i++) {
                    double s = 0;
                    int lo = Math.max(0, i - r), hi = Math.min(nx - 1, i + r);
                    for (int j = lo; j <= hi; j++) {
                        s += k[j - i + r] * in[start + j];
                    }
                    out[start + i] = (float) s;
                }
            });
            return;
        }
        // along y or z a line's voxels are a row or a plane apart: blurring one voxel at a time walks memory in
        // strides and misses the cache at every tap (it was most of a cycle's CPU time). Whole x-rows are
        // accumulated instead, each output voxel summing the same terms in the same order as before, in double.
        int n = dims[axis];
        int stride = axis == 1 ? nx : nx * ny;
        int rows = axis == 1 ? nz * ny : ny * nz;
        // one accumulator per run of rows, zeroed per row, not one allocated per row: a blur of a 256×256×200 CT
        // made 100 000 of them (a third of a real-size cycle's allocation, docs/benchmarks.md, memory)
        int runs = (rows + ROWS_PER_RUN - 1) / ROWS_PER_RUN;
        IntStream.range(0, runs).parallel().forEach(run -> {
            double[] acc = new double[nx];
            for (int row = run * ROWS_PER_RUN; row < Math.min(rows, (run + 1) * ROWS_PER_RUN); row++) {
                // row = (other coordinate, output index along the axis)
                int i = row % n;
                int other = row / n;
                int base = axis == 1 ? other * nx * ny : other * nx;
                java.util.Arrays.fill(acc, 0);
                int lo = Math.max(0, i - r), hi = Math.min(n - 1, i + r);
                for (int j = lo; j <= hi; j++) {
                    // the input x-row: (other, j) along y, (j, other) along z
                    if (zero[axis == 1 ? other * ny + j : j * ny + other]) {
                        continue;
                    }
                    double w = k[j - i + r];
                    int from = base + j * stride;
                    for (int x = 0; x < nx; x++) {
                        acc[x] += w * in[from + x];
                    }
                }
                int to = base + i * stride;
                for (int x = 0; x < nx; x++) {
                    out[to + x] = (float) acc[x];
                }
            }
        });
    }
}

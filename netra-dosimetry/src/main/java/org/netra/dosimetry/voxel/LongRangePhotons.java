package org.netra.dosimetry.voxel;

import org.netra.imaging.volume.Geometry;

/**
 * The photon dose a dose-voxel kernel of (2r+1)³ voxels leaves out, for one grid: a nuclide's
 * {@link PhotonPointKernel} convolved over the whole grid.
 *
 * <p>The point kernel is split smoothly at a radius inside the short kernel's box: {@code near = P·(1 − w)} and
 * {@code far = P·w}, with w rising as a half cosine from 0 at r₁ to 1 at r₂ = (r_min − 1)·spacing, r₁ = r₂/2.
 * The near part joins the short kernel (same fine FFT, no extra cost); the far part, smooth and free of the
 * 1/r² peak, is convolved on a coarser grid (blocks of ≈ 8 mm) and interpolated back trilinearly: the dose per
 * decay at 30 cm is 10⁻⁵ of the centre voxel's and varies over centimetres, so 8 mm blocks lose nothing an organ
 * mean can see, and the FFT costs a fraction of the fine one. Every part of the point kernel is counted once:
 * near + far = P at every distance, and the short kernel's own photon part is taken out of it by
 * {@link KernelDose#withLongRangePhotons}.
 *
 * <p>Voxel averages: a kernel value is the dose averaged over a target voxel from a source spread uniformly over
 * the source voxel, computed on 3×3×3 sub-points of each (their differences, tent-weighted) with the dose of a
 * thin shell around each distance, so the 1/r² peak at the centre stays finite and the energy is kept.
 */
final class LongRangePhotons {
    /** Coarse blocks of about this size (mm) for the far part. */
    private static final double COARSE_MM = 8;
    /** Sub-points per voxel axis for voxel-averaged kernel values. */
    private static final int SUB = 3;

    private final PhotonPointKernel point;
    private final int nx, ny, nz;
    private final int[] factor = new int[3];
    private final int cx, cy, cz;
    private final double r1, r2;
    private final FftConvolution coarsePlan;

    /**
     * @param kernelRadius the short kernel's half sizes (rx, ry, rz) in voxels; the near part must fit inside
     */
    LongRangePhotons(Geometry g, PhotonPointKernel point, int[] kernelRadius) {
        this.point = point;
        this.nx = g.nx();
        this.ny = g.ny();
        this.nz = g.nz();
        double split = Double.MAX_VALUE;
        for (int a = 0; a < 3; a++) {
            // a sub-point difference reaches 2/3 of a voxel beyond the offset: (r − 1)·s keeps the near part inside
            split = Math.min(split, (kernelRadius[a] - 1) * g.spacing(a));
            factor[a] = Math.max(1, (int) Math.round(COARSE_MM / g.spacing(a)));
        }
        if (!(split > 0)) {
            throw new IllegalArgumentException("a short kernel of half size " + java.util.Arrays.toString(kernelRadius)
                    + " voxels leaves no room for the photon near part");
        }
        this.r2 = split;
        this.r1 = split / 2;
        this.cx = ceilDiv(nx, factor[0]);
        this.cy = ceilDiv(ny, factor[1]);
        this.cz = ceilDiv(nz, factor[2]);
        double[] coarse = {g.spacing(0) * factor[0], g.spacing(1) * factor[1], g.spacing(2) * factor[2]};
        int[] reach = {
            Math.min(cx - 1, (int) Math.ceil(point.reachMm() / coarse[0])),
            Math.min(cy - 1, (int) Math.ceil(point.reachMm() / coarse[1])),
            Math.min(cz - 1, (int) Math.ceil(point.reachMm() / coarse[2]))
        };
        float[] far = averaged(coarse, reach, Part.FAR);
        this.coarsePlan = new FftConvolution(cx, cy, cz, far, 2 * reach[0] + 1, 2 * reach[1] + 1, 2 * reach[2] + 1);
    }

    /** Which part of the point kernel a voxel kernel carries. */
    enum Part {
        WHOLE,
        NEAR,
        FAR
    }

    /**
     * The voxel-averaged point kernel (Gy/(Bq·s)) on voxels of {@code spacing} mm, offsets −reach … reach, x
     * fastest. Beyond two voxels from the centre the tent average is replaced by the value at the voxel centre,
     * where the kernel is smooth on the voxel's scale.
     *
     * <p>Those centre values depend on |i|, |j|, |k| only, bit for bit (the squares of ±i·s are equal), so
     * they are computed on the octant of non-negative offsets and mirrored: an eighth of the point-kernel look-ups
     * for the coarse far kernel (≈ 10⁶ offsets on the twin's grid, 12 % of a one-shot {@code netra dosimetry}'s
     * samples before). The tent averages near the centre are each computed, as their sums' order is not mirrored.
     */
    float[] averaged(double[] spacing, int[] reach, Part part) {
        int kx = 2 * reach[0] + 1, ky = 2 * reach[1] + 1, kz = 2 * reach[2] + 1;
        float[] out = new float[kx * ky * kz];
        double shell = Math.min(spacing[0], Math.min(spacing[1], spacing[2])) / SUB;
        for (int k = 0; k <= reach[2]; k++) {
            for (int j = 0; j <= reach[1]; j++) {
                for (int i = 0; i <= reach[0]; i++) {
                    out[(i + reach[0]) + kx * ((j + reach[1]) + ky * (k + reach[2]))] =
                            (float) voxelValue(i, j, k, spacing, shell, part);
                }
            }
        }
        for (int k = -reach[2]; k <= reach[2]; k++) {
            for (int j = -reach[1]; j <= reach[1]; j++) {
                for (int i = -reach[0]; i <= reach[0]; i++) {
                    if (i >= 0 && j >= 0 && k >= 0) {
                        continue;
                    }
                    int at = (i + reach[0]) + kx * ((j + reach[1]) + ky * (k + reach[2]));
                    out[at] = nearCentre(i, j, k)
                            ? (float) voxelValue(i, j, k, spacing, shell, part)
                            : out[
                                    (Math.abs(i) + reach[0])
                                            + kx * ((Math.abs(j) + reach[1]) + ky * (Math.abs(k) + reach[2]))];
                }
            }
        }
        return out;
    }

    /** Within two voxels of the centre along every axis: the tent-averaged values. */
    private static boolean nearCentre(int i, int j, int k) {
        return Math.max(Math.abs(i), Math.max(Math.abs(j), Math.abs(k))) <= 2;
    }

    /** The kernel value at offset (i, j, k): a tent average near the centre, the centre's value beyond. */
    private double voxelValue(int i, int j, int k, double[] spacing, double shell, Part part) {
        if (!nearCentre(i, j, k)) {
            return at(Math.sqrt(sq(i * spacing[0]) + sq(j * spacing[1]) + sq(k * spacing[2])), shell, part);
        }
        // tent weights of the differences between SUB sub-points in two voxels: (SUB − |k|)/SUB², k = −(SUB−1)…
        int spread = SUB - 1;
        double value = 0;
        for (int c = -spread; c <= spread; c++) {
            double z = (k + c / (double) SUB) * spacing[2];
            for (int b = -spread; b <= spread; b++) {
                double y = (j + b / (double) SUB) * spacing[1];
                double wzy = tent(c) * tent(b);
                for (int a = -spread; a <= spread; a++) {
                    double x = (i + a / (double) SUB) * spacing[0];
                    value += wzy * tent(a) * at(Math.sqrt(x * x + y * y + z * z), shell, part);
                }
            }
        }
        return value;
    }

    /** The tent weight of a sub-point difference of {@code k}: (SUB − |k|)/SUB². */
    private static double tent(int k) {
        return (SUB - Math.abs(k)) / (double) (SUB * SUB);
    }

    /** The point kernel's part at distance r (mm), as the mean dose of a shell {@code shell} mm thick around it. */
    private double at(double r, double shell, Part part) {
        double d = point.shellDose(r - shell / 2, r + shell / 2);
        double far = r <= r1 ? 0 : r >= r2 ? 1 : 0.5 * (1 - Math.cos(Math.PI * (r - r1) / (r2 - r1)));
        return switch (part) {
            case WHOLE -> d;
            case NEAR -> d * (1 - far);
            case FAR -> d * far;
        };
    }

    /** The far part's dose (Gy) on the fine grid from a TIA map (Bq·s per voxel, x fastest). */
    float[] farDose(float[] tia) {
        CoarseFarDose far = far(tia);
        float[] out = new float[nx * ny * nz];
        java.util.stream.IntStream.range(0, nz).parallel().forEach(k -> {
            for (int j = 0; j < ny; j++) {
                far.row(j, k, out, nx * (j + ny * k));
            }
        });
        return out;
    }

    /**
     * The far part on the coarse grid, ready to be read back row by row: {@link KernelDose} adds each row to the
     * short-range dose in the same pass that clamps and scales it, without a full-grid array of its own.
     */
    CoarseFarDose far(float[] tia) {
        int[] x0 = new int[nx], y0 = new int[ny], z0 = new int[nz];
        float[] tx = new float[nx], ty = new float[ny], tz = new float[nz];
        interpolation(nx, factor[0], cx, x0, tx);
        interpolation(ny, factor[1], cy, y0, ty);
        interpolation(nz, factor[2], cz, z0, tz);
        return new CoarseFarDose(coarsePlan.convolve(blocks(tia)), x0, tx, y0, ty, z0, tz);
    }

    /**
     * The TIA summed over the coarse blocks. Each slab of blocks along z is summed by one task, over its voxels in
     * the order a single pass takes them (z, then y, then x), so every block's sum is the same float whatever the
     * number of threads.
     */
    private float[] blocks(float[] tia) {
        float[] blocks = new float[cx * cy * cz];
        java.util.stream.IntStream.range(0, cz).parallel().forEach(bk -> {
            for (int k = bk * factor[2]; k < Math.min(nz, (bk + 1) * factor[2]); k++) {
                for (int j = 0; j < ny; j++) {
                    int row = cx * ((j / factor[1]) + cy * bk);
                    int at = nx * (j + ny * k);
                    // block by block along the row, each block's run of voxels into a local sum: the same adds in
                    // the same order as one voxel at a time into blocks[row + i / f], without a division per voxel
                    for (int b = 0, i = 0; b < cx; b++) {
                        float sum = blocks[row + b];
                        for (int end = Math.min(nx, i + factor[0]); i < end; i++) {
                            sum += tia[at + i];
                        }
                        blocks[row + b] = sum;
                    }
                }
            }
        });
        return blocks;
    }

    /**
     * The far dose on the coarse grid and the trilinear weights that read it on the fine one. Every coarse row is
     * interpolated along x onto the fine columns once ({@link #alongX}, cy·cz·nx floats: 3.3 MB at 256×256×200),
     * so a fine row is two lerps in y and one in z of four contiguous rows: the same float operations in the same
     * order as the eight-corner trilinear form, which read the corners voxel by voxel and lerped each row along x
     * again for every fine row it served (16 at 2 mm voxels and 8 mm blocks).
     */
    final class CoarseFarDose {
        private final float[] coarse;
        private final int[] x0, y0, z0;
        private final float[] tx, ty, tz;
        /** Coarse row (y, z) interpolated along x onto the fine columns, at (y + cy·z)·nx. */
        private final float[] alongX;

        private CoarseFarDose(float[] coarse, int[] x0, float[] tx, int[] y0, float[] ty, int[] z0, float[] tz) {
            this.coarse = coarse;
            this.x0 = x0;
            this.tx = tx;
            this.y0 = y0;
            this.ty = ty;
            this.z0 = z0;
            this.tz = tz;
            this.alongX = new float[cy * cz * nx];
            java.util.stream.IntStream.range(0, cz).parallel().forEach(z -> {
                for (int y = 0; y < cy; y++) {
                    int row = cx * (y + cy * z), at = nx * (y + cy * z);
                    for (int i = 0; i < nx; i++) {
                        int xa = x0[i], xb = Math.min(cx - 1, xa + 1);
                        alongX[at + i] = lerp(coarse[row + xa], coarse[row + xb], tx[i]);
                    }
                }
            });
        }

        /** The fine row (j, k) of the far dose, written to {@code out} from {@code at}. */
        void row(int j, int k, float[] out, int at) {
            int za = z0[k], zb = Math.min(cz - 1, za + 1);
            float fz = tz[k];
            int ya = y0[j], yb = Math.min(cy - 1, ya + 1);
            float fy = ty[j];
            int aa = nx * (ya + cy * za), ab = nx * (yb + cy * za), ba = nx * (ya + cy * zb), bb = nx * (yb + cy * zb);
            for (int i = 0; i < nx; i++) {
                float lowZ = lerp(alongX[aa + i], alongX[ab + i], fy);
                float highZ = lerp(alongX[ba + i], alongX[bb + i], fy);
                out[at + i] = lerp(lowZ, highZ, fz);
            }
        }

        /** Voxel (i, j, k) of the far dose in the eight-corner trilinear form, which {@link #row} must equal. */
        float corners(int i, int j, int k) {
            int za = z0[k], zb = Math.min(cz - 1, za + 1);
            int ya = y0[j], yb = Math.min(cy - 1, ya + 1);
            int xa = x0[i], xb = Math.min(cx - 1, xa + 1);
            int aa = cx * (ya + cy * za), ab = cx * (yb + cy * za), ba = cx * (ya + cy * zb), bb = cx * (yb + cy * zb);
            float fx = tx[i], fy = ty[j];
            float lowZ =
                    lerp(lerp(coarse[aa + xa], coarse[aa + xb], fx), lerp(coarse[ab + xa], coarse[ab + xb], fx), fy);
            float highZ =
                    lerp(lerp(coarse[ba + xa], coarse[ba + xb], fx), lerp(coarse[bb + xa], coarse[bb + xb], fx), fy);
            return lerp(lowZ, highZ, tz[k]);
        }
    }

    /** For each fine index, the coarse block at or below its centre and the fraction towards the next. */
    private static void interpolation(int n, int f, int coarseN, int[] lower, float[] t) {
        for (int i = 0; i < n; i++) {
            double u = (i + 0.5) / f - 0.5;
            if (u <= 0) {
                lower[i] = 0;
                t[i] = 0;
            } else if (u >= coarseN - 1) {
                lower[i] = coarseN - 1;
                t[i] = 0;
            } else {
                lower[i] = (int) Math.floor(u);
                t[i] = (float) (u - lower[i]);
            }
        }
    }

    private static float lerp(float a, float b, float t) {
        return a + t * (b - a);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The radii (mm) where the far part starts and where it is whole. */
    double[] splitMm() {
        return new double[] {r1, r2};
    }

    /** The coarse block size in voxels along x, y, z. */
    int[] blockFactor() {
        return factor.clone();
    }
}

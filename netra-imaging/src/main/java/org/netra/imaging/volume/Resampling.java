package org.netra.imaging.volume;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Resampling of images onto another grid, optionally through a {@link RigidTransform} (target world →
 * source world): trilinear for images, nearest neighbour for masks and label maps. Target voxels whose
 * position falls outside the source grid (beyond its outermost voxel centres) get a fill value. Each
 * target voxel's source index is computed afresh from one affine map (no accumulated drift), and
 * indices within 1e-6 voxel of an integer are taken as that integer, so an identity resampling
 * returns the input bit for bit. Each row of target voxels starts at one point of the source grid and steps by one
 * constant vector (the map is affine). Slices run in parallel.
 */
public final class Resampling {
    /** Source indices this close to an integer are that integer (rounding noise of the affine map). */
    private static final double SNAP = 1e-6;

    private Resampling() {}

    /** {@code source} trilinearly resampled onto {@code target} (same world), 0 outside. */
    public static ImageVolume trilinear(ImageVolume source, Geometry target) {
        return trilinear(source, target, RigidTransform.identity(), 0f);
    }

    /** {@code source} trilinearly resampled onto {@code target} through {@code transform}. */
    public static ImageVolume trilinear(ImageVolume source, Geometry target, RigidTransform transform, float outside) {
        if (source.geometry().equals(target) && transform.equals(RigidTransform.identity())) {
            // every index maps onto itself (snapped): the input bit for bit, without the pass (a CT on its SPECT's
            // grid)
            return ImageVolume.wrap(target, source.unit(), source.voxels().clone());
        }
        Affine a = Affine.between(target, source.geometry(), transform);
        Geometry sg = source.geometry();
        int sx = sg.nx(), sy = sg.ny(), sz = sg.nz();
        int stepY = sx, stepZ = sx * sy;
        // along an axis of one voxel the "next" voxel is the same one, with weight 0
        int dx = sx > 1 ? 1 : 0, dy = sy > 1 ? stepY : 0, dz = sz > 1 ? stepZ : 0;
        float[] in = source.voxels();
        float[] out = new float[target.voxelCount()];
        int tx = target.nx(), ty = target.ny();
        double[] m = a.m();
        double mx = m[0], my = m[3], mz = m[6];
        double maxX = sx - 1, maxY = sy - 1, maxZ = sz - 1;
        int lastX = Math.max(sx - 2, 0), lastY = Math.max(sy - 2, 0), lastZ = Math.max(sz - 2, 0);
        // a fresh array holds 0 already: only another fill value is written outside
        boolean fill = Float.floatToRawIntBits(outside) != 0;
        NonZeroRows rows = NonZeroRows.of(in, sx, sy, sz);
        IntStream.range(0, target.nz()).parallel().forEach(k -> {
            int[] run = new int[2];
            NonZeroRows.Span span = rows.new Span();
            for (int j = 0; j < ty; j++) {
                int o = (k * ty + j) * tx;
                // the row's start; each voxel along it adds one constant step (the map is affine in i)
                double x0 = a.row(0, j, k), y0 = a.row(1, j, k), z0 = a.row(2, j, k);
                // the voxels inside the source (within SNAP of [0, n − 1] on every axis) are one run of the row: the
                // rest is filled at once instead of tested voxel by voxel
                run[0] = 0;
                run[1] = tx;
                inside(x0, mx, maxX, run);
                inside(y0, my, maxY, run);
                inside(z0, mz, maxZ, run);
                int first = run[0], end = Math.max(run[0], run[1]);
                if (fill) {
                    Arrays.fill(out, o, o + first, outside);
                    Arrays.fill(out, o + end, o + tx, outside);
                }
                if (first < end) {
                    // of the inside run, only the voxels whose cell can hold a non-zero source voxel: the others are
                    // +0 exactly (the array's value already)
                    span.of(y0 + my * first, y0 + my * (end - 1), z0 + mz * first, z0 + mz * (end - 1));
                    if (span.last < span.first) {
                        continue;
                    }
                    // two voxels' margin: an index this far outside the non-zero span has all eight corners outside it
                    inside(x0 - (span.first - 2), mx, span.last + 3.0 - span.first, run);
                    first = run[0];
                    end = Math.max(run[0], run[1]);
                }
                for (int i = first; i < end; i++) {
                    double x = x0 + mx * i, y = y0 + my * i, z = z0 + mz * i;
                    // the cell's corner and the fraction within it, an index within SNAP of a whole number taken as
                    // it; c > −SNAP here, so truncation is floor, and the fraction of a whole number is exact
                    int i0 = (int) x, j0 = (int) y, k0 = (int) z;
                    double fx = x - i0, fy = y - j0, fz = z - k0;
                    if (fx < SNAP || fx - 1 > -SNAP) {
                        i0 = (int) (x + 0.5);
                        fx = 0;
                        if (i0 > lastX) { // the far face interpolates within the last cell
                            i0 = lastX;
                            fx = maxX - lastX;
                        }
                    }
                    if (fy < SNAP || fy - 1 > -SNAP) {
                        j0 = (int) (y + 0.5);
                        fy = 0;
                        if (j0 > lastY) {
                            j0 = lastY;
                            fy = maxY - lastY;
                        }
                    }
                    if (fz < SNAP || fz - 1 > -SNAP) {
                        k0 = (int) (z + 0.5);
                        fz = 0;
                        if (k0 > lastZ) {
                            k0 = lastZ;
                            fz = maxZ - lastZ;
                        }
                    }
                    int b = i0 + stepY * j0 + stepZ * k0;
                    // differences in double: a float difference would round
                    double v000 = in[b], v100 = in[b + dx], v010 = in[b + dy], v110 = in[b + dy + dx];
                    double v001 = in[b + dz], v101 = in[b + dz + dx];
                    double v011 = in[b + dz + dy], v111 = in[b + dz + dy + dx];
                    double c00 = v000 + fx * (v100 - v000);
                    double c10 = v010 + fx * (v110 - v010);
                    double c01 = v001 + fx * (v101 - v001);
                    double c11 = v011 + fx * (v111 - v011);
                    double c0 = c00 + fy * (c10 - c00);
                    double c1 = c01 + fy * (c11 - c01);
                    out[o + i] = (float) (c0 + fz * (c1 - c0));
                }
            }
        });
        return ImageVolume.wrap(target, source.unit(), out);
    }

    /** {@code mask} resampled onto {@code target} by nearest neighbour (same world). */
    public static Mask nearest(Mask mask, Geometry target) {
        return nearest(mask, target, RigidTransform.identity());
    }

    /** {@code mask} resampled onto {@code target} through {@code transform} by nearest neighbour. */
    public static Mask nearest(Mask mask, Geometry target, RigidTransform transform) {
        int[] source = nearestIndices(mask.geometry(), target, transform);
        BitSet bits = new BitSet(source.length);
        for (int v = 0; v < source.length; v++) {
            if (source[v] >= 0 && mask.contains(source[v])) {
                bits.set(v);
            }
        }
        return Mask.of(mask.name(), target, bits);
    }

    /** {@code labels} resampled onto {@code target} through {@code transform} by nearest neighbour. */
    public static LabelMap nearest(LabelMap labels, Geometry target, RigidTransform transform) {
        int[] source = nearestIndices(labels.geometry(), target, transform);
        byte[] in = labels.labels();
        byte[] out = new byte[source.length];
        for (int v = 0; v < source.length; v++) {
            out[v] = source[v] >= 0 ? in[source[v]] : 0;
        }
        return LabelMap.wrap(target, out, labels.names());
    }

    /**
     * For each target voxel, the index of the source voxel nearest to {@code transform} of its centre, or -1
     * outside the source grid: what {@link #nearest} reads, for callers that look up several masks or labels.
     */
    public static int[] nearestIndices(Geometry sourceGrid, Geometry target, RigidTransform transform) {
        Affine a = Affine.between(target, sourceGrid, transform);
        int sx = sourceGrid.nx(), sy = sourceGrid.ny(), sz = sourceGrid.nz();
        int tx = target.nx(), ty = target.ny();
        int[] out = new int[target.voxelCount()];
        IntStream.range(0, target.nz()).parallel().forEach(k -> {
            double[] s = new double[3];
            int o = k * tx * ty;
            for (int j = 0; j < ty; j++) {
                for (int i = 0; i < tx; i++, o++) {
                    a.map(i, j, k, s);
                    // voxel n covers [n − ½, n + ½)
                    long x = (long) Math.floor(s[0] + 0.5);
                    long y = (long) Math.floor(s[1] + 0.5);
                    long z = (long) Math.floor(s[2] + 0.5);
                    out[o] = x >= 0 && y >= 0 && z >= 0 && x < sx && y < sy && z < sz
                            ? (int) (x + sx * (y + (long) sy * z))
                            : -1;
                }
            }
        });
        return out;
    }

    /**
     * Where each x-row of a source volume holds anything but +0: the first such voxel and one past the last (empty
     * rows: first past last). A target voxel whose cell's eight corners all lie outside these spans interpolates to
     * +0 exactly, so the resampling skips it (a SPECT's air and its reconstruction's corners: about three quarters of
     * a whole-body scan's voxels).
     */
    private record NonZeroRows(int[] first, int[] end, int sx, int sy, int sz) {
        static NonZeroRows of(float[] in, int sx, int sy, int sz) {
            int rows = sy * sz;
            int[] first = new int[rows], end = new int[rows];
            IntStream.range(0, sz).parallel().forEach(k -> {
                for (int r = k * sy; r < (k + 1) * sy; r++) {
                    int base = r * sx;
                    int a = 0;
                    // raw bits: −0 is not +0 (it can interpolate to −0)
                    while (a < sx && Float.floatToRawIntBits(in[base + a]) == 0) {
                        a++;
                    }
                    int b = sx;
                    while (b > a && Float.floatToRawIntBits(in[base + b - 1]) == 0) {
                        b--;
                    }
                    first[r] = a;
                    end[r] = b;
                }
            });
            return new NonZeroRows(first, end, sx, sy, sz);
        }

        /** The non-zero x-span (first, last inclusive) of the source rows a run of target voxels can read. */
        final class Span {
            int first;
            int last;

            /** Over the rows of the cells around y in [ya, yb] and z in [za, zb] (either order), a row's margin wide. */
            void of(double ya, double yb, double za, double zb) {
                int j0 = clamp(Math.floor(Math.min(ya, yb)) - 1, sy), j1 = clamp(Math.floor(Math.max(ya, yb)) + 2, sy);
                int k0 = clamp(Math.floor(Math.min(za, zb)) - 1, sz), k1 = clamp(Math.floor(Math.max(za, zb)) + 2, sz);
                int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
                for (int k = k0; k <= k1; k++) {
                    for (int j = j0; j <= j1; j++) {
                        int r = j + sy * k;
                        if (NonZeroRows.this.first[r] < NonZeroRows.this.end[r]) {
                            lo = Math.min(lo, NonZeroRows.this.first[r]);
                            hi = Math.max(hi, NonZeroRows.this.end[r] - 1);
                        }
                    }
                }
                first = lo;
                last = hi;
            }

            private static int clamp(double c, int n) {
                return (int) Math.max(0, Math.min(n - 1, c));
            }
        }
    }

    /**
     * Narrows {@code run} (first voxel, end) of a row to the voxels i whose index {@code c0 + m·i} on one axis is
     * within SNAP of [0, {@code max}]: the exact test of each voxel, whose true voxels are one run (the index is
     * monotone in i, rounding included). The run's ends are estimated by division and then moved voxel by voxel
     * until the exact test holds just inside them and fails just outside.
     */
    private static void inside(double c0, double m, double max, int[] run) {
        int n = run[1];
        int first, end;
        if (m == 0) {
            first = 0;
            end = in(c0, max) ? Integer.MAX_VALUE : 0;
        } else {
            double t1 = (-SNAP - c0) / m, t2 = (max + SNAP - c0) / m;
            double lo = Math.min(t1, t2), hi = Math.max(t1, t2);
            // clamped in double: the quotient may be far outside int
            first = (int) Math.max(0, Math.min(n, Math.floor(lo) + 1));
            end = (int) Math.max(0, Math.min(n, Math.ceil(hi)));
            while (first > 0 && in(c0 + m * (first - 1), max)) {
                first--;
            }
            while (first < end && !in(c0 + m * first, max)) {
                first++;
            }
            while (end < n && in(c0 + m * end, max)) {
                end++;
            }
            while (end > first && !in(c0 + m * (end - 1), max)) {
                end--;
            }
        }
        run[0] = Math.max(run[0], first);
        run[1] = Math.min(run[1], end);
    }

    private static boolean in(double c, double max) {
        return c > -SNAP && c < max + SNAP;
    }

    private static double snap(double c) {
        double r = Math.rint(c);
        return Math.abs(c - r) < SNAP ? r : c;
    }

    /**
     * Target index → source continuous index: s = A·(i, j, k) + b, A = Ms·R·Mt and b = Ms·(R·Ot + t − Os) (M the grids'
     * index/world matrices, O their origins); also where {@link RigidRegistration}'s samples fall in the moving image.
     */
    record Affine(double[] m, double[] b) {
        static Affine between(Geometry target, Geometry source, RigidTransform transform) {
            double[] mt = target.indexToWorldMatrix();
            double[] r = transform.rotation();
            double[] ms = source.worldToIndexMatrix();
            double[] rmt = multiply(r, mt);
            double[] m = multiply(ms, rmt);
            // b = Ms·(R·Ot + t − Os)
            double[] q = new double[3];
            transform.apply(target.origin(0), target.origin(1), target.origin(2), q);
            double[] b = new double[3];
            source.worldToIndex(q[0], q[1], q[2], b);
            return new Affine(m, b);
        }

        /** Axis {@code r} of the source index of target voxel (0, j, k): a row's start. */
        double row(int r, int j, int k) {
            return m[r * 3 + 1] * j + m[r * 3 + 2] * k + b[r];
        }

        void map(int i, int j, int k, double[] s) {
            s[0] = snap(m[0] * i + m[1] * j + m[2] * k + b[0]);
            s[1] = snap(m[3] * i + m[4] * j + m[5] * k + b[1]);
            s[2] = snap(m[6] * i + m[7] * j + m[8] * k + b[2]);
        }

        private static double[] multiply(double[] a, double[] b) {
            double[] c = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
                }
            }
            return c;
        }
    }
}

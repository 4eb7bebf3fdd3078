package org.netra.imaging.volume;

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
        IntStream.range(0, target.nz()).parallel().forEach(k -> {
            int o = k * tx * ty;
            for (int j = 0; j < ty; j++) {
                // the row's start; each voxel along it adds one constant step (the map is affine in i)
                double x0 = a.row(0, j, k), y0 = a.row(1, j, k), z0 = a.row(2, j, k);
                for (int i = 0; i < tx; i++, o++) {
                    double x = x0 + mx * i, y = y0 + my * i, z = z0 + mz * i;
                    // inside once snapped: within SNAP of [0, n − 1]
                    if (!(x > -SNAP
                            && y > -SNAP
                            && z > -SNAP
                            && x < maxX + SNAP
                            && y < maxY + SNAP
                            && z < maxZ + SNAP)) {
                        out[o] = outside;
                        continue;
                    }
                    x = snapNonNegative(x);
                    y = snapNonNegative(y);
                    z = snapNonNegative(z);
                    // c ≥ 0 here, so truncation is floor; the far face interpolates within the last cell
                    int i0 = Math.min((int) x, lastX), j0 = Math.min((int) y, lastY), k0 = Math.min((int) z, lastZ);
                    double fx = x - i0, fy = y - j0, fz = z - k0;
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
                    out[o] = (float) (c0 + fz * (c1 - c0));
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
     * {@link #snap} for c > −SNAP, without {@code Math.rint}: the nearest integer of such c is {@code (int) (c + ½)}
     * (truncation of a positive number), a quarter of the resampling's time cheaper than rint on this loop.
     */
    private static double snapNonNegative(double c) {
        int n = (int) (c + 0.5);
        double d = c - n;
        return d < SNAP && d > -SNAP ? n : c;
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

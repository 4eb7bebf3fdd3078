package org.netra.imaging.volume;

import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Resampling of images onto another grid, optionally through a {@link RigidTransform} (target world →
 * source world): trilinear for images, nearest neighbour for masks and label maps. Target voxels whose
 * position falls outside the source grid (beyond its outermost voxel centres) get a fill value. Each
 * target voxel's source index is computed afresh from one affine map (no accumulated drift), and
 * indices within 1e-6 voxel of an integer are taken as that integer, so an identity resampling
 * returns the input bit for bit. Slices run in parallel.
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
        Affine a = Affine.between(target, source.geometry(), transform);
        Geometry sg = source.geometry();
        int sx = sg.nx(), sy = sg.ny(), sz = sg.nz();
        int stepY = sx, stepZ = sx * sy;
        // along an axis of one voxel the "next" voxel is the same one, with weight 0
        int dx = sx > 1 ? 1 : 0, dy = sy > 1 ? stepY : 0, dz = sz > 1 ? stepZ : 0;
        float[] in = source.voxels();
        float[] out = new float[target.voxelCount()];
        int tx = target.nx(), ty = target.ny();
        IntStream.range(0, target.nz()).parallel().forEach(k -> {
            double[] s = new double[3];
            int o = k * tx * ty;
            for (int j = 0; j < ty; j++) {
                for (int i = 0; i < tx; i++, o++) {
                    a.map(i, j, k, s);
                    double x = s[0], y = s[1], z = s[2];
                    if (!(x >= 0 && y >= 0 && z >= 0 && x <= sx - 1 && y <= sy - 1 && z <= sz - 1)) {
                        out[o] = outside;
                        continue;
                    }
                    int i0 = lower(x, sx), j0 = lower(y, sy), k0 = lower(z, sz);
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

    /** The lower corner of the interpolation cell of {@code c} along an axis of {@code n} voxels. */
    private static int lower(double c, int n) {
        int i = (int) c; // c ≥ 0 here, so truncation is floor
        return i >= n - 1 ? Math.max(n - 2, 0) : i;
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

        void map(int i, int j, int k, double[] s) {
            s[0] = snap(m[0] * i + m[1] * j + m[2] * k + b[0]);
            s[1] = snap(m[3] * i + m[4] * j + m[5] * k + b[1]);
            s[2] = snap(m[6] * i + m[7] * j + m[8] * k + b[2]);
        }

        private static double snap(double c) {
            double r = Math.rint(c);
            return Math.abs(c - r) < SNAP ? r : c;
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

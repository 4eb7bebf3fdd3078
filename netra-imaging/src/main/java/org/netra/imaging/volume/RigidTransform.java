package org.netra.imaging.volume;

import java.util.Arrays;

/**
 * A rigid motion of patient space, {@code q = R·p + t} (mm, LPS), R a proper rotation. In resampling it
 * maps the target grid's world positions to the source image's world (the convention of ITK's
 * resample filter): registering a moving image onto a fixed one yields the transform from fixed to
 * moving world.
 */
public record RigidTransform(double[] rotation, double[] translation) {
    private static final double ROTATION_TOLERANCE = 1e-6;

    public RigidTransform {
        if (rotation == null || rotation.length != 9 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("a rigid transform is a 3×3 rotation (9 numbers, row-major)"
                    + " and a 3-component translation in mm");
        }
        rotation = rotation.clone();
        translation = translation.clone();
        for (double v : rotation) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("rotation " + Arrays.toString(rotation) + " is not finite");
            }
        }
        for (double v : translation) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("translation " + Arrays.toString(translation) + " is not finite");
            }
        }
        checkRotation(rotation);
    }

    public static RigidTransform identity() {
        return new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);
    }

    /** A pure translation by (tx, ty, tz) mm. */
    public static RigidTransform translation(double tx, double ty, double tz) {
        return new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {tx, ty, tz});
    }

    /**
     * Rotation by angles (radians) about x, then y, then z (R = Rz·Ry·Rx), about {@code centre} (mm),
     * then a translation (tx, ty, tz) mm: the six parameters a rigid registration searches.
     */
    public static RigidTransform ofEuler(
            double rx, double ry, double rz, double[] centre, double tx, double ty, double tz) {
        double cx = Math.cos(rx), sx = Math.sin(rx);
        double cy = Math.cos(ry), sy = Math.sin(ry);
        double cz = Math.cos(rz), sz = Math.sin(rz);
        double[] r = {
            cz * cy,
            cz * sy * sx - sz * cx,
            cz * sy * cx + sz * sx,
            sz * cy,
            sz * sy * sx + cz * cx,
            sz * sy * cx - cz * sx,
            -sy,
            cy * sx,
            cy * cx
        };
        // q = R·(p − c) + c + t
        double[] t = new double[3];
        for (int a = 0; a < 3; a++) {
            t[a] = centre[a]
                    + new double[] {tx, ty, tz}[a]
                    - (r[a * 3] * centre[0] + r[a * 3 + 1] * centre[1] + r[a * 3 + 2] * centre[2]);
        }
        return new RigidTransform(r, t);
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    /** Writes R·(x, y, z) + t into {@code out}. */
    public void apply(double x, double y, double z, double[] out) {
        double[] r = rotation;
        out[0] = r[0] * x + r[1] * y + r[2] * z + translation[0];
        out[1] = r[3] * x + r[4] * y + r[5] * z + translation[1];
        out[2] = r[6] * x + r[7] * y + r[8] * z + translation[2];
    }

    /** The transform that undoes this one: p = Rᵀ·(q − t). */
    public RigidTransform inverse() {
        double[] r = rotation;
        double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
        double[] t = new double[3];
        for (int a = 0; a < 3; a++) {
            t[a] = -(rt[a * 3] * translation[0] + rt[a * 3 + 1] * translation[1] + rt[a * 3 + 2] * translation[2]);
        }
        return new RigidTransform(rt, t);
    }

    /** This transform followed by {@code next}: p ↦ next(this(p)). */
    public RigidTransform andThen(RigidTransform next) {
        double[] a = next.rotation;
        double[] b = rotation;
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
            }
        }
        double[] t = new double[3];
        next.apply(translation[0], translation[1], translation[2], t);
        return new RigidTransform(r, t);
    }

    private static void checkRotation(double[] r) {
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double dot = r[a] * r[b] + r[3 + a] * r[3 + b] + r[6 + a] * r[6 + b];
                if (Math.abs(dot - (a == b ? 1 : 0)) > ROTATION_TOLERANCE) {
                    throw new IllegalArgumentException("rotation " + Arrays.toString(r)
                            + " is not orthonormal; a rigid transform cannot scale or shear");
                }
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7])
                - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        if (det < 0) {
            throw new IllegalArgumentException(
                    "rotation " + Arrays.toString(r) + " is a reflection (determinant −1), not a rigid motion");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RigidTransform t
                && Arrays.equals(rotation, t.rotation)
                && Arrays.equals(translation, t.translation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rotation) + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return "RigidTransform[R=" + Arrays.toString(rotation) + ", t=" + Arrays.toString(translation) + " mm]";
    }
}

package org.netra.imaging.volume;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a voxel grid sits in the patient: dimensions, spacing (mm), origin (mm, the centre of voxel
 * (0,0,0)) and direction cosines, in DICOM patient coordinates (LPS). Voxel (i, j, k) is at
 * {@code origin + D · diag(spacing) · (i, j, k)}, where column c of the direction matrix {@code D} is
 * the unit vector of index axis c (column 0 = DICOM's row direction, column 1 = column direction,
 * column 2 = slice direction). Voxels are stored x fastest: {@code index = i + nx·(j + ny·k)}.
 */
public final class Geometry {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    /** How far from orthonormal the direction cosines may be (DICOM writes them to ~6 digits). */
    private static final double ORTHONORMAL_TOLERANCE = 1e-4;

    private final int nx;
    private final int ny;
    private final int nz;
    private final double[] spacing;
    private final double[] origin;
    private final double[] direction;
    /** Index → world matrix D·diag(spacing), row-major, and its inverse. */
    private final double[] toWorld = new double[9];

    private final double[] toIndex = new double[9];

    private Geometry(int nx, int ny, int nz, double[] spacing, double[] origin, double[] direction) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(
                    "a volume needs at least one voxel along each axis, got " + nx + "×" + ny + "×" + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a volume of " + nx + "×" + ny + "×" + nz
                    + " voxels does not fit one Java array; crop or downsample it first");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.spacing = vector(spacing, "spacing");
        this.origin = vector(origin, "origin");
        for (double s : this.spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException(
                        "voxel spacing must be positive and finite, got " + Arrays.toString(spacing) + " mm");
            }
        }
        for (double o : this.origin) {
            if (!Double.isFinite(o)) {
                throw new IllegalArgumentException("origin must be finite, got " + Arrays.toString(origin) + " mm");
            }
        }
        if (direction == null || direction.length != 9) {
            throw new IllegalArgumentException("direction cosines must be 9 numbers (a 3×3 matrix, row-major)");
        }
        this.direction = direction.clone();
        checkOrthonormal(this.direction);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                toWorld[r * 3 + c] = this.direction[r * 3 + c] * this.spacing[c];
                // inverse of D·S is S⁻¹·Dᵀ, D being orthonormal
                toIndex[c * 3 + r] = this.direction[r * 3 + c] / this.spacing[c];
            }
        }
    }

    /** An axis-aligned grid (identity direction cosines). */
    public static Geometry of(int nx, int ny, int nz, double[] spacingMm, double[] originMm) {
        return new Geometry(nx, ny, nz, spacingMm, originMm, IDENTITY);
    }

    /**
     * A grid with direction cosines {@code direction} (row-major 3×3, column c = axis c's unit vector in
     * LPS); they must be orthonormal within 1e-4.
     */
    public static Geometry of(int nx, int ny, int nz, double[] spacingMm, double[] originMm, double[] direction) {
        return new Geometry(nx, ny, nz, spacingMm, originMm, direction);
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

    public int voxelCount() {
        return nx * ny * nz;
    }

    /** Spacing along index axis {@code axis} (0, 1, 2) in mm. */
    public double spacing(int axis) {
        return spacing[axis];
    }

    /** Origin (centre of voxel 0,0,0) component {@code axis} in mm, LPS. */
    public double origin(int axis) {
        return origin[axis];
    }

    /** Direction cosine: component {@code row} (L, P, S) of index axis {@code column}'s unit vector. */
    public double direction(int row, int column) {
        return direction[row * 3 + column];
    }

    public double[] spacing() {
        return spacing.clone();
    }

    public double[] origin() {
        return origin.clone();
    }

    /** Row-major 3×3 direction cosines. */
    public double[] direction() {
        return direction.clone();
    }

    /** The volume of one voxel. */
    public org.netra.physics.quantity.Volume voxelVolume() {
        return org.netra.physics.quantity.Volume.ofCubicMm(spacing[0] * spacing[1] * spacing[2]);
    }

    /** The flat index of voxel (i, j, k), x fastest. */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    /** World position (mm, LPS) of continuous index (i, j, k), written into {@code out[0..2]}. */
    public void indexToWorld(double i, double j, double k, double[] out) {
        double[] m = toWorld;
        out[0] = origin[0] + m[0] * i + m[1] * j + m[2] * k;
        out[1] = origin[1] + m[3] * i + m[4] * j + m[5] * k;
        out[2] = origin[2] + m[6] * i + m[7] * j + m[8] * k;
    }

    /** Continuous index of world position (x, y, z) (mm, LPS), written into {@code out[0..2]}. */
    public void worldToIndex(double x, double y, double z, double[] out) {
        double[] m = toIndex;
        double dx = x - origin[0];
        double dy = y - origin[1];
        double dz = z - origin[2];
        out[0] = m[0] * dx + m[1] * dy + m[2] * dz;
        out[1] = m[3] * dx + m[4] * dy + m[5] * dz;
        out[2] = m[6] * dx + m[7] * dy + m[8] * dz;
    }

    /** The index → world matrix D·diag(spacing), row-major (a copy). */
    double[] indexToWorldMatrix() {
        return toWorld.clone();
    }

    /** The world → index matrix diag(spacing)⁻¹·Dᵀ, row-major (a copy). */
    double[] worldToIndexMatrix() {
        return toIndex.clone();
    }

    /** True when both grids have the same voxel count along every axis. */
    public boolean sameDimensions(Geometry other) {
        return nx == other.nx && ny == other.ny && nz == other.nz;
    }

    private static double[] vector(double[] v, String what) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(what + " must have 3 components (x, y, z)");
        }
        return v.clone();
    }

    private static void checkOrthonormal(double[] d) {
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double dot = d[a] * d[b] + d[3 + a] * d[3 + b] + d[6 + a] * d[6 + b];
                double expected = a == b ? 1 : 0;
                if (!(Math.abs(dot - expected) <= ORTHONORMAL_TOLERANCE)) {
                    throw new IllegalArgumentException("direction cosines " + Arrays.toString(d)
                            + " are not orthonormal (axis " + a + "·axis " + b + " = " + dot
                            + "); a sheared or scaled grid is not a DICOM volume");
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g
                && sameDimensions(g)
                && Arrays.equals(spacing, g.spacing)
                && Arrays.equals(origin, g.origin)
                && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return 31
                        * (31 * (31 * Arrays.hashCode(new int[] {nx, ny, nz}) + Arrays.hashCode(spacing))
                                + Arrays.hashCode(origin))
                + Arrays.hashCode(direction);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d×%d×%d at %.4g×%.4g×%.4g mm, origin (%.2f, %.2f, %.2f) mm",
                nx,
                ny,
                nz,
                spacing[0],
                spacing[1],
                spacing[2],
                origin[0],
                origin[1],
                origin[2]);
    }
}

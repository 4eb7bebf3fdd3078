package org.netra.dosimetry.voxel;

import java.util.Locale;

/**
 * A dose-voxel kernel: the absorbed dose to each voxel around a source voxel per decay in the source
 * (voxel S-values), on a grid of spacing (sx, sy, sz) mm, odd size (2rx+1)×(2ry+1)×(2rz+1), x fastest,
 * centre = source voxel. Values in Gy/(Bq·s) (1 mGy/(MBq·s) = 1e-9 Gy/(Bq·s)), in {@link #medium()}.
 */
public final class DoseKernel {
    private final String nuclide;
    private final KernelMedium medium;
    private final double[] spacing;
    private final int rx, ry, rz;
    private final float[] values;

    DoseKernel(String nuclide, KernelMedium medium, double[] spacing, int rx, int ry, int rz, float[] values) {
        if (values.length != (2 * rx + 1) * (2 * ry + 1) * (2 * rz + 1)) {
            throw new IllegalArgumentException("kernel values do not fill its size");
        }
        this.nuclide = nuclide;
        this.medium = medium;
        this.spacing = spacing.clone();
        this.rx = rx;
        this.ry = ry;
        this.rz = rz;
        this.values = values;
    }

    public String nuclide() {
        return nuclide;
    }

    public KernelMedium medium() {
        return medium;
    }

    /** Voxel spacing along axis 0, 1, 2 in mm. */
    public double spacing(int axis) {
        return spacing[axis];
    }

    /** Kernel size along x, y, z (odd). */
    public int sizeX() {
        return 2 * rx + 1;
    }

    public int sizeY() {
        return 2 * ry + 1;
    }

    public int sizeZ() {
        return 2 * rz + 1;
    }

    /** S for target offset (di, dj, dk) from the source voxel, Gy/(Bq·s); 0 beyond the kernel. */
    public double at(int di, int dj, int dk) {
        if (Math.abs(di) > rx || Math.abs(dj) > ry || Math.abs(dk) > rz) {
            return 0;
        }
        return values[(di + rx) + sizeX() * ((dj + ry) + sizeY() * (dk + rz))];
    }

    /** A copy of the values, Gy/(Bq·s), x fastest. */
    public float[] values() {
        return values.clone();
    }

    float[] valuesShared() {
        return values;
    }

    /** Voxel volume in mL. */
    public double voxelMl() {
        return spacing[0] * spacing[1] * spacing[2] / 1000;
    }

    /**
     * The energy this kernel deposits per decay, in joules: Σ S · ρ · V over its voxels, with the density
     * of its medium. In the local-deposition limit it equals the non-penetrating energy per decay.
     */
    public double energyPerDecayJoules() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum * medium.density().inGramsPerMl() * voxelMl() / 1000; // Gy·kg = J; g → kg
    }

    /** This kernel with every value multiplied by {@code factor} (an energy renormalisation). */
    public DoseKernel scaled(double factor) {
        float[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * factor);
        }
        return new DoseKernel(nuclide, medium, spacing, rx, ry, rz, v);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "DoseKernel[%s, %s, %d×%d×%d at %.4g×%.4g×%.4g mm]",
                nuclide,
                medium.code(),
                sizeX(),
                sizeY(),
                sizeZ(),
                spacing[0],
                spacing[1],
                spacing[2]);
    }
}

package org.netra.dosimetry.voxel;

import java.util.Locale;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;

/**
 * Absorbed dose by convolving a time-integrated activity map (Bq·s per voxel) with a dose-voxel kernel,
 * {@code D(p) = Σ_m Ã(p − m)·S(m)}, for one grid and kernel (the FFT plan is kept for every map convolved
 * on that grid: time points, cycles, bootstrap samples).
 *
 * <p>Density: the kernel holds for its homogeneous medium; where a density map is given, each voxel's
 * dose is scaled by ρ_medium/ρ_voxel, the common first-order heterogeneity correction (the energy
 * deposited is kept, the mass it is shared by changes; exact for local deposition, approximate where
 * electrons cross density interfaces, e.g. lung and bone borders).
 */
public final class KernelDose {
    /** Kernel and image voxel spacing must agree this closely (mm). */
    private static final double SPACING_TOLERANCE_MM = 1e-3;

    private final Geometry geometry;
    private final DoseKernel kernel;
    private final FftConvolution plan;

    public KernelDose(Geometry geometry, DoseKernel kernel) {
        for (int a = 0; a < 3; a++) {
            if (Math.abs(geometry.spacing(a) - kernel.spacing(a)) > SPACING_TOLERANCE_MM) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "%s does not fit voxels of %.4f×%.4f×%.4f mm; take VoxelSValues.forVoxel(...) at the image's spacing",
                        kernel,
                        geometry.spacing(0),
                        geometry.spacing(1),
                        geometry.spacing(2)));
            }
        }
        this.geometry = geometry;
        this.kernel = kernel;
        this.plan = new FftConvolution(
                geometry.nx(),
                geometry.ny(),
                geometry.nz(),
                kernel.valuesShared(),
                kernel.sizeX(),
                kernel.sizeY(),
                kernel.sizeZ());
    }

    public DoseKernel kernel() {
        return kernel;
    }

    /** Dose (Gy) in the kernel's medium. */
    public ImageVolume dose(ImageVolume tia) {
        tia.requireUnit(VoxelUnit.BQ_S, "the time-integrated activity map");
        if (!tia.geometry().equals(geometry)) {
            throw new IllegalArgumentException(
                    "this kernel dose was planned for " + geometry + " but the map is on " + tia.geometry());
        }
        float[] d = plan.convolve(tia.voxels());
        // float round-off of the FFT leaves values of ~1e-7 of the maximum, of either sign, where the dose
        // is zero; a dose cannot be negative
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                d[i] = 0;
            }
        }
        return ImageVolume.wrap(geometry, VoxelUnit.GY, d);
    }

    /** Dose (Gy) scaled voxel by voxel by ρ_medium/ρ (density map in g/mL on the same grid). */
    public ImageVolume dose(ImageVolume tia, ImageVolume density) {
        density.requireUnit(VoxelUnit.G_PER_ML, "the density map");
        requireSameGrid(tia, density);
        ImageVolume d = dose(tia);
        float[] v = d.voxels(), rho = density.voxels();
        float medium = (float) kernel.medium().density().inGramsPerMl();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * medium / rho[i];
        }
        return d;
    }

    static void requireSameGrid(ImageVolume a, ImageVolume b) {
        if (!a.geometry().equals(b.geometry())) {
            throw new IllegalArgumentException("the density map is on " + b.geometry() + " but the activity map on "
                    + a.geometry() + "; resample the CT density onto the activity grid first");
        }
    }
}

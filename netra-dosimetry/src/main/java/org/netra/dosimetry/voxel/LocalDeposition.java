package org.netra.dosimetry.voxel;

import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.Energy;

/**
 * Absorbed dose by local energy deposition: every decay's non-penetrating energy stays in its voxel,
 * {@code D = Ã · E_np / (ρ · V)}. Right for beta emitters when the voxel is larger than the electron
 * range (Lu-177: mean range ≈ 0.3 mm); photons above the partition's cut are ignored.
 */
public final class LocalDeposition {
    private LocalDeposition() {}

    /** Dose (Gy) from a time-integrated activity map (Bq·s per voxel) in tissue of uniform density. */
    public static ImageVolume dose(ImageVolume tia, EnergyPartition energy, Density density) {
        tia.requireUnit(VoxelUnit.BQ_S, "the time-integrated activity map");
        float[] a = tia.voxels();
        float[] d = new float[a.length];
        double gyPerBqS = gyPerDecay(energy.nonPenetrating(), density.inGramsPerMl(), tia);
        for (int v = 0; v < a.length; v++) {
            d[v] = (float) (a[v] * gyPerBqS);
        }
        return ImageVolume.wrap(tia.geometry(), VoxelUnit.GY, d);
    }

    /** Dose (Gy) with each voxel's density (g/mL) from {@code density}, e.g. a CT through CtDensity. */
    public static ImageVolume dose(ImageVolume tia, EnergyPartition energy, ImageVolume density) {
        tia.requireUnit(VoxelUnit.BQ_S, "the time-integrated activity map");
        density.requireUnit(VoxelUnit.G_PER_ML, "the density map");
        KernelDose.requireSameGrid(tia, density);
        float[] a = tia.voxels(), rho = density.voxels();
        float[] d = new float[a.length];
        double gyPerBqSAtUnitDensity = gyPerDecay(energy.nonPenetrating(), 1.0, tia);
        for (int v = 0; v < a.length; v++) {
            d[v] = (float) (a[v] * gyPerBqSAtUnitDensity / rho[v]);
        }
        return ImageVolume.wrap(tia.geometry(), VoxelUnit.GY, d);
    }

    /** Gy per decay in one voxel of the map's grid at density ρ (g/mL). */
    private static double gyPerDecay(Energy perDecay, double gramsPerMl, ImageVolume grid) {
        double kg = grid.geometry().voxelVolume().inMl() * gramsPerMl / 1000;
        return perDecay.inJoules() / kg;
    }
}

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

    /** How the method is named in the output. */
    public static final String SHORT_ONLY = "voxel S-value kernel",
            WITH_PHOTONS = "voxel S-value kernel + long-range photon kernel";

    private final Geometry geometry;
    private final DoseKernel kernel;
    private final FftConvolution plan;
    private final java.util.Optional<LongRangePhotons> photons;

    public KernelDose(Geometry geometry, DoseKernel kernel) {
        this(geometry, kernel, java.util.Optional.empty());
    }

    private KernelDose(Geometry geometry, DoseKernel kernel, java.util.Optional<LongRangePhotons> photons) {
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
        this.photons = photons;
    }

    /**
     * The default kernel method for a nuclide in soft tissue: Lanconelli's kernel for the grid's voxels with the
     * photon dose it leaves out added ({@link LongRangePhotons}, {@link PhotonPointKernel}). The published kernel
     * holds the electrons and the photon energy absorbed inside its (2r+1)³ voxels; the point kernel's part inside
     * that box is taken out of it, the rest (its electrons) renormalised to the ICRP-107 non-penetrating energy
     * per decay, as {@link VoxelSValues#forVoxel} does for the whole kernel, and the point kernel's near part put
     * back: so the electrons carry E_np, the photons what the point kernel gives at each distance, each once. A
     * nuclide without a photon kernel (Y-90) gets {@link VoxelSValues#forVoxel} alone.
     */
    public static KernelDose withLongRangePhotons(Geometry g, String nuclide) {
        double sx = g.spacing(0), sy = g.spacing(1), sz = g.spacing(2);
        var point = PhotonPointKernel.of(nuclide);
        if (point.isEmpty()) {
            return new KernelDose(g, VoxelSValues.forVoxel(nuclide, KernelMedium.SOFT_TISSUE, sx, sy, sz));
        }
        DoseKernel published = VoxelSValues.asPublished(nuclide, KernelMedium.SOFT_TISSUE, sx, sy, sz);
        int[] radius = {published.sizeX() / 2, published.sizeY() / 2, published.sizeZ() / 2};
        LongRangePhotons photons = new LongRangePhotons(g, point.get(), radius);
        double[] spacing = {sx, sy, sz};
        float[] whole = photons.averaged(spacing, radius, LongRangePhotons.Part.WHOLE);
        float[] near = photons.averaged(spacing, radius, LongRangePhotons.Part.NEAR);
        float[] values = published.values();
        double electrons = 0;
        for (int v = 0; v < values.length; v++) {
            electrons += values[v] - whole[v];
        }
        double joulesPerGy = published.medium().density().inGramsPerMl() * published.voxelMl() / 1000;
        double target = org.netra.physics.decay.EnergyPartition.of(
                        org.netra.physics.nuclide.NuclideCatalog.icrp107().get(nuclide))
                .nonPenetrating()
                .inJoules();
        double scale = target / (electrons * joulesPerGy);
        float[] combined = new float[values.length];
        for (int v = 0; v < values.length; v++) {
            combined[v] = (float) ((values[v] - whole[v]) * scale + near[v]);
        }
        DoseKernel shortKernel =
                new DoseKernel(nuclide, KernelMedium.SOFT_TISSUE, spacing, radius[0], radius[1], radius[2], combined);
        return new KernelDose(g, shortKernel, java.util.Optional.of(photons));
    }

    /** The method's name for the output: {@link #WITH_PHOTONS} or {@link #SHORT_ONLY}. */
    public String description() {
        return photons.isPresent() ? WITH_PHOTONS : SHORT_ONLY;
    }

    public DoseKernel kernel() {
        return kernel;
    }

    /** Dose (Gy) in the kernel's medium. */
    public ImageVolume dose(ImageVolume tia) {
        return finish(tia, shortRange(tia), null, 1);
    }

    private ImageVolume shortRange(ImageVolume tia) {
        tia.requireUnit(VoxelUnit.BQ_S, "the time-integrated activity map");
        if (!tia.geometry().equals(geometry)) {
            throw new IllegalArgumentException(
                    "this kernel dose was planned for " + geometry + " but the map is on " + tia.geometry());
        }
        return ImageVolume.wrap(geometry, VoxelUnit.GY, plan.convolve(tia.voxels()));
    }

    /**
     * Dose (Gy) with the short kernel's part scaled voxel by voxel by ρ_medium/ρ (density map in g/mL on the same
     * grid). The long-range photon part is not scaled: a photon's absorbed dose is its energy fluence times
     * μ_en/ρ, and the energy a voxel takes from a passing photon grows with its density as its mass does, so the
     * dose hardly depends on ρ (the fluence's attenuation on the way is taken as soft tissue's). The near photon
     * part inside the short kernel (≈ 1 % of the energy at 4.4 mm voxels) is scaled with the electrons.
     */
    public ImageVolume dose(ImageVolume tia, ImageVolume density) {
        density.requireUnit(VoxelUnit.G_PER_ML, "the density map");
        requireSameGrid(tia, density);
        return finish(tia, shortRange(tia), density.voxels(), (float)
                kernel.medium().density().inGramsPerMl());
    }

    /**
     * One parallel pass over the convolved short-range dose, slab by slab: a negative voxel set to 0 (the FFT's
     * float round-off leaves values of ~1e-7 of the maximum, of either sign, where the dose is zero; a dose cannot
     * be negative), scaled by ρ_medium/ρ where a density is given, and the long-range photons' far part (clamped
     * at 0 the same way) added from its coarse grid row by row. The same float operations in the same order per
     * voxel as clamping, scaling and adding in separate passes over a separate far-dose map, which this replaces
     * (three single-threaded passes and a 52 MB array at real size; {@code VoxelDoseTest} holds it to them bit for
     * bit).
     */
    private ImageVolume finish(ImageVolume tia, ImageVolume shortRange, float[] rho, float medium) {
        float[] d = shortRange.voxels();
        int nx = geometry.nx(), ny = geometry.ny();
        java.util.Optional<LongRangePhotons.CoarseFarDose> far = photons.map(p -> p.far(tia.voxels()));
        java.util.stream.IntStream.range(0, geometry.nz()).parallel().forEach(k -> {
            float[] row = far.isPresent() ? new float[nx] : null;
            for (int j = 0; j < ny; j++) {
                int at = nx * (j + ny * k);
                if (row == null) {
                    for (int i = at; i < at + nx; i++) {
                        float x = d[i] < 0 ? 0 : d[i];
                        d[i] = rho == null ? x : x * medium / rho[i];
                    }
                    continue;
                }
                far.get().row(j, k, row, 0);
                // the clamp as above, and Math.max(0, r) written out (NaN kept, −0 made +0): C1, the CLI's only
                // compiler, calls Math.max(float, float) rather than inlining it
                if (rho == null) {
                    for (int i = 0; i < nx; i++) {
                        float x = d[at + i], r = row[i];
                        d[at + i] = (x < 0 ? 0 : x) + (r > 0 || r != r ? r : 0);
                    }
                } else {
                    for (int i = 0; i < nx; i++) {
                        float x = d[at + i], r = row[i];
                        d[at + i] = (x < 0 ? 0 : x) * medium / rho[at + i] + (r > 0 || r != r ? r : 0);
                    }
                }
            }
        });
        return shortRange;
    }

    static void requireSameGrid(ImageVolume a, ImageVolume b) {
        if (!a.geometry().equals(b.geometry())) {
            throw new IllegalArgumentException("the density map is on " + b.geometry() + " but the activity map on "
                    + a.geometry() + "; resample the CT density onto the activity grid first");
        }
    }
}

package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.organ.SmallVoiKidney;
import org.netra.dosimetry.voxel.KernelMedium;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;

/**
 * Energy balance of the dose engines on a large uniform sphere of 177Lu clearing mono-exponentially: far inside
 * it every decay's non-penetrating energy (ICRP-107: electrons and photons below 10 keV, E_np = 0.14821 MeV) is
 * absorbed around its voxel, so the dose is D = Ã·E_np/m = C₀·E_np/(λ·ρ) analytically, for the kernel (after its
 * renormalisation; plus, since the long-range photon kernel, the photon energy absorbed within the sphere's radius)
 * and for local deposition at the density the CT gives.
 */
class EnergyBalanceTest {
    static final Nuclide LU = NuclideCatalog.icrp107().get("Lu-177");
    static final double MM = 4.42;
    static final int N = 40;
    static final Geometry GRID = Geometry.of(N, N, N, new double[] {MM, MM, MM}, new double[] {0, 0, 0});
    static final LocalDateTime INJECTION = LocalDateTime.of(2026, 1, 5, 9, 0);
    static final double C0 = 1e5; // Bq/mL at injection
    static final double T_EFF = 60; // h
    static final double LAMBDA = Math.log(2) / T_EFF;

    static Mask sphere() {
        double r = 70; // mm: the kernel reaches 5 voxels (22 mm), so the centre sees only the sphere
        double ml = 4 * Math.PI * r * r * r / 3 / 1000;
        double c = (N - 1) / 2.0 * MM;
        return SmallVoiKidney.sphere("Liver", GRID, new double[] {c, c, c}, ml);
    }

    static List<TimePointImage> scans(Mask m) {
        List<TimePointImage> out = new ArrayList<>();
        for (double h : new double[] {4, 24, 96, 168}) {
            float[] v = new float[GRID.voxelCount()];
            float c = (float) (C0 * Math.exp(-LAMBDA * h));
            for (int i = m.next(0); i >= 0; i = m.next(i + 1)) {
                v[i] = c;
            }
            out.add(new TimePointImage(
                    "scan " + h,
                    ImageVolume.wrap(GRID, VoxelUnit.BQ_PER_ML, v),
                    INJECTION.plusSeconds(Math.round(h * 3600))));
        }
        return out;
    }

    /** C₀·E_np/(λ·ρ) in Gy: Bq/mL × s × J / (g/mL) → J/g → ×1000 J/kg. */
    static double analyticGy(double rho) {
        double ePerDecay = EnergyPartition.of(LU).nonPenetrating().inJoules();
        double tiaPerMl = C0 / (LAMBDA / 3600); // Bq·s per mL
        return tiaPerMl * ePerDecay / rho * 1000;
    }

    static double centre(ImageVolume dose) {
        int c = N / 2;
        return dose.voxels()[c + N * (c + N * c)];
    }

    @Test
    void theKernelsCentralDoseMatchesTheEnergyBalanceWithinOnePercent() {
        Mask m = sphere();
        CycleResult r = DoseComputation.run(
                LU,
                INJECTION,
                scans(m),
                List.of(m),
                Optional.empty(),
                new DoseMethod.VoxelKernel(KernelMedium.SOFT_TISSUE),
                CycleSettings.of(LU));
        // since the long-range photon kernel: at the centre of a uniform sphere the photon dose is, by reciprocity,
        // the fraction of a point source's photon energy absorbed within the radius, F(70 mm) = 0.24 for 177Lu,
        // on top of the electrons' C₀·E_np/(λ·ρ)
        double rho = KernelMedium.SOFT_TISSUE.density().inGramsPerMl();
        var photons = org.netra.dosimetry.voxel.PhotonPointKernel.of("Lu-177").orElseThrow();
        double photonJoules = photons.emittedKeV() * photons.absorbedWithin(70) * 1.602176634e-16;
        double want = analyticGy(rho)
                * (1 + photonJoules / EnergyPartition.of(LU).nonPenetrating().inJoules());
        assertThat(centre(r.doseMap().orElseThrow())).isCloseTo(want, within(0.01 * want));
    }

    /** Local deposition at a CT density of 1.20 g/mL: the dose falls by 1.04/1.20 from soft tissue, exactly. */
    @Test
    void localDepositionMatchesTheAnalyticDoseAtTheStatedDensity() {
        Mask m = sphere();
        float[] rho = new float[GRID.voxelCount()];
        java.util.Arrays.fill(rho, 1.20f);
        CycleResult r = DoseComputation.run(
                LU,
                INJECTION,
                scans(m),
                List.of(m),
                Optional.of(ImageVolume.wrap(GRID, VoxelUnit.G_PER_ML, rho)),
                new DoseMethod.LocalDeposition(),
                CycleSettings.of(LU));
        double want = analyticGy(1.20);
        assertThat(centre(r.doseMap().orElseThrow())).isCloseTo(want, within(0.02 * want));
        assertThat(r.vois().get(0).dose().inGy()).isCloseTo(want, within(0.02 * want));
    }
}

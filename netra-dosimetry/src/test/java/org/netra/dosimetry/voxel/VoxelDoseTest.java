package org.netra.dosimetry.voxel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;

class VoxelDoseTest {
    private static final double MM = 4.8;

    private static Geometry grid(int nx, int ny, int nz, double s) {
        return Geometry.of(nx, ny, nz, new double[] {s, s, s}, new double[] {-100, -80, 40});
    }

    private static ImageVolume pointSource(Geometry g, int i, int j, int k, double bqS) {
        float[] a = new float[g.voxelCount()];
        a[g.index(i, j, k)] = (float) bqS;
        return ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
    }

    @Test
    void aPointSourcesDoseIsTheKernelAroundIt() {
        DoseKernel k = VoxelSValues.tabulated("Lu-177", MM, KernelMedium.SOFT_TISSUE);
        Geometry g = grid(24, 20, 17, MM);
        double tia = 1e9; // Bq·s
        ImageVolume dose = new KernelDose(g, k).dose(pointSource(g, 7, 12, 6, tia));
        for (int dk = -5; dk <= 5; dk++) {
            for (int dj = -5; dj <= 5; dj++) {
                for (int di = -5; di <= 5; di++) {
                    double expected = tia * k.at(di, dj, dk);
                    if (!g.contains(7 + di, 12 + dj, 6 + dk)) {
                        continue;
                    }
                    assertThat((double) dose.get(7 + di, 12 + dj, 6 + dk))
                            .isCloseTo(expected, within(1e-5 * tia * k.at(0, 0, 0)));
                }
            }
        }
        // nothing beyond the kernel's reach
        assertThat((double) dose.get(20, 2, 16)).isCloseTo(0, within(1e-6 * tia * k.at(0, 0, 0)));
    }

    /**
     * The energy a convolved point source deposits, Σ D·ρ·V, equals Ã × (kernel sum) × voxel mass, and in
     * the local-deposition limit that is the emitted non-penetrating energy: within 5 % for Lu-177 and
     * Y-90 (the kernel adds absorbed photons and loses bremsstrahlung, see VoxelSValuesTest).
     */
    @Test
    void aPointSourcesEnergyIsTheEnergyEmitted() {
        for (String nuclide : new String[] {"Lu-177", "Y-90"}) {
            DoseKernel k = VoxelSValues.tabulated(nuclide, MM, KernelMedium.SOFT_TISSUE);
            Geometry g = grid(16, 16, 16, MM);
            double tia = 3.6e9;
            ImageVolume dose = new KernelDose(g, k).dose(pointSource(g, 8, 8, 8, tia));
            double voxelKg =
                    g.voxelVolume().inMl() * KernelMedium.SOFT_TISSUE.density().inGramsPerMl() / 1000;
            double deposited = 0;
            for (float d : dose.voxels()) {
                deposited += d * voxelKg;
            }
            double kernelSum = 0;
            for (float s : k.values()) {
                kernelSum += s;
            }
            assertThat(deposited).isCloseTo(tia * kernelSum * voxelKg, within(1e-5 * deposited));
            double emitted = tia
                    * EnergyPartition.of(NuclideCatalog.icrp107().get(nuclide))
                            .nonPenetrating()
                            .inJoules();
            assertThat(deposited / emitted).as(nuclide).isCloseTo(1, within(0.05));
        }
    }

    @Test
    void localDepositionPutsTheEnergyWhereTheDecaysAre() {
        var lu = EnergyPartition.of(NuclideCatalog.icrp107().get("Lu-177"));
        Geometry g = grid(3, 3, 3, 2);
        ImageVolume dose = LocalDeposition.dose(pointSource(g, 1, 1, 1, 1e12), lu, Density.WATER);
        // 1e12 decays × E_np / (8 mm³ × 1 g/mL = 8e-6 kg)
        double expected = 1e12 * lu.nonPenetrating().inJoules() / 8e-6;
        assertThat((double) dose.get(1, 1, 1)).isCloseTo(expected, within(1e-6 * expected));
        assertThat(dose.get(0, 1, 1)).isZero();
        assertThat(dose.unit()).isEqualTo(VoxelUnit.GY);
        // with a density map: twice as dense, half the dose
        float[] rho = new float[27];
        Arrays.fill(rho, 2f);
        ImageVolume dense =
                LocalDeposition.dose(pointSource(g, 1, 1, 1, 1e12), lu, ImageVolume.wrap(g, VoxelUnit.G_PER_ML, rho));
        assertThat((double) dense.get(1, 1, 1)).isCloseTo(expected / 2, within(1e-6 * expected));
    }

    @Test
    void densityScalingDividesByTheVoxelsDensityRelativeToTheKernelMedium() {
        DoseKernel k = VoxelSValues.tabulated("Y-90", MM, KernelMedium.SOFT_TISSUE);
        Geometry g = grid(12, 12, 12, MM);
        var kd = new KernelDose(g, k);
        ImageVolume tia = pointSource(g, 6, 6, 6, 1e9);
        float[] rho = new float[g.voxelCount()];
        Arrays.fill(rho, 1.04f);
        rho[g.index(7, 6, 6)] = 2.08f; // bone-like neighbour
        ImageVolume scaled = kd.dose(tia, ImageVolume.wrap(g, VoxelUnit.G_PER_ML, rho));
        ImageVolume plain = kd.dose(tia);
        assertThat(scaled.get(6, 6, 6)).isCloseTo(plain.get(6, 6, 6), within(plain.get(6, 6, 6) * 1e-6f));
        assertThat(scaled.get(7, 6, 6)).isCloseTo(plain.get(7, 6, 6) / 2, within(plain.get(7, 6, 6) * 1e-6f));
    }

    /**
     * The one-pass finish (clamp, ρ scaling and the far photons added row by row from the coarse grid) against the
     * separate passes it replaced, written out here: the short-range dose alone clamped at 0, multiplied by
     * ρ_medium and divided by ρ, then max(0, far) added from a whole far-dose map. Bit for bit, with and without a
     * density map, on a 40×36×30 grid of 4.42 mm voxels (coarse blocks of 2 voxels, a partial block at each end)
     * with a random TIA that is zero outside a box and densities of lung to bone.
     */
    @Test
    void theOnePassFinishIsTheSeparatePassesBitForBit() {
        double mm = 4.42;
        Geometry g = Geometry.of(40, 36, 30, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        java.util.Random random = new java.util.Random(4);
        float[] a = new float[g.voxelCount()], rho = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    boolean inside = i > 4 && i < 33 && j > 3 && j < 30 && k > 2 && k < 25;
                    a[g.index(i, j, k)] = inside ? (float) (1e9 * random.nextDouble()) : 0;
                    rho[g.index(i, j, k)] = (float) (0.25 + 1.7 * random.nextDouble());
                }
            }
        }
        ImageVolume tia = ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
        ImageVolume density = ImageVolume.wrap(g, VoxelUnit.G_PER_ML, rho);
        KernelDose plan = KernelDose.withLongRangePhotons(g, "Lu-177");
        DoseKernel kernel = plan.kernel();
        var photons = new LongRangePhotons(g, PhotonPointKernel.of("Lu-177").orElseThrow(), new int[] {
            kernel.sizeX() / 2, kernel.sizeY() / 2, kernel.sizeZ() / 2
        });
        float[] far = photons.farDose(a);
        float medium = (float) kernel.medium().density().inGramsPerMl();
        float[] shortOnly = new KernelDose(g, kernel).dose(tia).voxels(); // clamped at 0
        float[] plain = shortOnly.clone(), scaled = shortOnly.clone();
        for (int i = 0; i < plain.length; i++) {
            plain[i] += Math.max(0, far[i]);
            scaled[i] = scaled[i] * medium / rho[i];
            scaled[i] += Math.max(0, far[i]);
        }
        assertThat(plan.dose(tia).voxels()).isEqualTo(plain);
        assertThat(plan.dose(tia, density).voxels()).isEqualTo(scaled);
        for (float x : far) {
            assertThat(x).as("the far part reaches the whole grid").isPositive();
        }
    }

    /**
     * The far dose read back row by row from the coarse rows interpolated along x once, against the eight-corner
     * trilinear form voxel by voxel: bit for bit, on a grid whose sizes leave a partial coarse block at each end.
     */
    @Test
    void theFarRowsAreTheEightCornerTrilinearFormBitForBit() {
        double mm = 4.42;
        Geometry g = Geometry.of(41, 35, 23, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        java.util.Random random = new java.util.Random(5);
        float[] a = new float[g.voxelCount()];
        for (int v = 0; v < a.length; v++) {
            a[v] = random.nextInt(3) == 0 ? 0 : (float) (1e9 * random.nextDouble());
        }
        var photons = new LongRangePhotons(g, PhotonPointKernel.of("Lu-177").orElseThrow(), new int[] {5, 5, 5});
        var far = photons.far(a);
        float[] rows = photons.farDose(a);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    assertThat(rows[g.index(i, j, k)])
                            .as("voxel %d %d %d", i, j, k)
                            .isEqualTo(far.corners(i, j, k));
                }
            }
        }
    }

    @Test
    void aKernelOfTheWrongVoxelSizeIsRefused() {
        DoseKernel k = VoxelSValues.tabulated("Lu-177", MM, KernelMedium.SOFT_TISSUE);
        assertThatThrownBy(() -> new KernelDose(grid(8, 8, 8, 1.953), k)).hasMessageContaining("forVoxel");
        var kd = new KernelDose(grid(8, 8, 8, MM), k);
        assertThatThrownBy(() -> kd.dose(ImageVolume.zeros(grid(8, 8, 8, MM), VoxelUnit.BQ_PER_ML)))
                .hasMessageContaining("Bq·s");
    }
}

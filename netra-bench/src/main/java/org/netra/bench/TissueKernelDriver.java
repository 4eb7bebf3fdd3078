package org.netra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netra.dosimetry.montecarlo.MonteCarloDose;
import org.netra.dosimetry.montecarlo.MonteCarloResult;
import org.netra.dosimetry.montecarlo.MonteCarloSettings;
import org.netra.dosimetry.montecarlo.PhotonCrossSections;
import org.netra.dosimetry.montecarlo.VoxelPhantom;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;

/**
 * How far a bone or lung dose point kernel is from water's, by netra's Monte Carlo, under the two readings of
 * "the difference from a water kernel" that issue 20's figure (Khazaee Moghadam et al., Cancer Biother
 * Radiopharm 2016;31:367: 177Lu bone 16.9 %, lung 7.7 %) could mean — its methods were not at hand, only the
 * abstract and the 2015 AAPM abstract (SU-E-T-154), which calls the figures "mean differences" between the DPKs
 * (bench/run-montecarlo.sh tissue-kernels [histories]; docs/dosimetry.md, "The bone and lung difference from a water kernel"):
 *
 * <ul>
 *   <li><b>at equal distance</b>: D_tissue(r) / D_water(r) at the same r in mm (all three media on one grid of
 *       {@value #WATER_VOXEL_MM} mm voxels);
 *   <li><b>at density-scaled distance</b>: the kernels as functions of ρ·r (each medium on a grid of
 *       {@value #WATER_VOXEL_MM}/ρ mm voxels, so every shell holds the same mass-distance), i.e. D(r)/ρ² against
 *       ρ·r — O'Connor's scaling, under which a medium of water's composition would read 0 %.
 * </ul>
 *
 * Each: one medium, the source uniform in the central voxel of an {@value #N}³ grid, ICRP-107's 177Lu electrons
 * transported and photons ≥ 10 keV, energy binned by voxel centre into shells of one voxel width. The mean of
 * (tissue/water − 1) and of its absolute value over the shells out to water's X90 (the radius holding 90 % of
 * the energy deposited in water's grid), and out to X99, is printed for each reading. Deterministic per seed.
 */
public final class TissueKernelDriver {
    private static final int N = 81;
    private static final int C = N / 2;
    /** Water's voxel side: 1/12 of 177Lu's X90 in water (≈ 0.6 mm); the grid reaches 2 mm, past its β range. */
    static final double WATER_VOXEL_MM = 0.05;

    private TissueKernelDriver() {}

    /** One medium as run: its name in the shipped cross sections, its density, a label. */
    private record Tissue(String label, String medium, double density) {}

    private static final Tissue WATER = new Tissue("water", PhotonCrossSections.WATER, 1.0);
    private static final List<Tissue> TISSUES = List.of(
            new Tissue("cortical bone (ICRU 46, 1.92 g/mL)", PhotonCrossSections.CORTICAL_BONE, 1.92),
            new Tissue("cortical bone (ICRU 46 at 1.85 g/mL)", PhotonCrossSections.CORTICAL_BONE, 1.85),
            new Tissue("lung (ICRU 44, 0.26 g/mL)", PhotonCrossSections.LUNG, 0.26));

    public static void main(String[] args) throws Exception {
        int histories = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(
                "load before: " + Files.readString(Path.of("/proc/loadavg")).strip());
        Nuclide lu = NuclideCatalog.icrp107().lutetium177();
        double[] water = shells(lu, WATER, WATER_VOXEL_MM, histories);
        double total = 0;
        for (double e : water) {
            total += e;
        }
        int x90 = radiusHolding(water, 0.90 * total);
        int x99 = radiusHolding(water, 0.99 * total);
        System.out.printf(
                Locale.ROOT,
                "water: %.3f keV per decay deposited in the grid; X90 = shell %d (%.3f mm by voxel centre),"
                        + " X99 = shell %d (%.3f mm)%n",
                total,
                x90,
                x90 * WATER_VOXEL_MM,
                x99,
                x99 * WATER_VOXEL_MM);
        StringBuilder table = new StringBuilder();
        for (Tissue t : TISSUES) {
            double[] equal = shells(lu, t, WATER_VOXEL_MM, histories);
            double[] scaled = shells(lu, t, WATER_VOXEL_MM / t.density(), histories);
            table.append(String.format(Locale.ROOT, "%n%s against water:%n", t.label()));
            table.append("  shell  r_water(mm)  equal-distance ratio  scaled-distance ratio\n");
            double[][] ratios = new double[x99 + 1][];
            for (int k = 0; k <= x99; k++) {
                // dose ∝ shell energy / (ρ · shell volume); equal volumes at equal distance
                double atEqualDistance = (equal[k] / t.density()) / (water[k] / WATER.density());
                // the scaled grids' shells hold equal masses: D/ρ² ∝ shell energy
                double atScaledDistance = scaled[k] / water[k];
                ratios[k] = new double[] {atEqualDistance, atScaledDistance};
                table.append(String.format(
                        Locale.ROOT,
                        "  %5d  %11.3f  %20.4f  %21.4f%n",
                        k,
                        k * WATER_VOXEL_MM,
                        atEqualDistance,
                        atScaledDistance));
            }
            for (int last : new int[] {x90, x99}) {
                double[] mean = new double[4];
                for (int k = 0; k <= last; k++) {
                    mean[0] += ratios[k][0] - 1;
                    mean[1] += Math.abs(ratios[k][0] - 1);
                    mean[2] += ratios[k][1] - 1;
                    mean[3] += Math.abs(ratios[k][1] - 1);
                }
                for (int i = 0; i < 4; i++) {
                    mean[i] *= 100.0 / (last + 1);
                }
                table.append(String.format(
                        Locale.ROOT,
                        "  mean over shells 0..%s: equal distance %+.1f %% (|·| %.1f %%), density-scaled %+.1f %%"
                                + " (|·| %.1f %%)%n",
                        last == x90 ? "X90" : "X99",
                        mean[0],
                        mean[1],
                        mean[2],
                        mean[3]));
            }
        }
        System.out.print(table);
        System.out.println("paper (abstract): 177Lu bone 16.9 % ± 1.3 %, lung 7.7 % ± 0.3 %");
        System.out.println(
                "load after: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** The first shell at which the running sum of shell energies reaches {@code part}. */
    private static int radiusHolding(double[] shells, double part) {
        double sum = 0;
        for (int k = 0; k < shells.length; k++) {
            sum += shells[k];
            if (sum >= part) {
                return k;
            }
        }
        return shells.length - 1;
    }

    /** keV per decay deposited in each shell k (voxel centres at k − ½ ≤ r/voxel < k + ½) around the source voxel. */
    private static double[] shells(Nuclide nuclide, Tissue tissue, double mm, int histories) {
        Geometry g = Geometry.of(N, N, N, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        VoxelPhantom phantom = VoxelPhantom.uniform(
                g, PhotonCrossSections.shipped().medium(tissue.medium()), Density.ofGramsPerMl(tissue.density()));
        float[] a = new float[g.voxelCount()];
        double decays = 1e6;
        a[g.index(C, C, C)] = (float) decays;
        MonteCarloSettings settings = MonteCarloSettings.defaults().withBatches(histories / 10, 10, 10);
        MonteCarloResult r = MonteCarloDose.run(
                phantom, ImageVolume.wrap(g, VoxelUnit.BQ_S, a), nuclide, List.of(), settings, s -> {});
        double keVPerGy = tissue.density() * g.voxelVolume().inMl() / 1000 / (decays * 1.602176634e-16);
        double[] shell = new double[C + 1];
        float[] d = r.dose().voxels();
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    int bin = (int) Math.round(Math.sqrt((i - C) * (i - C) + (j - C) * (j - C) + (k - C) * (k - C)));
                    if (bin <= C) {
                        shell[bin] += d[g.index(i, j, k)] * keVPerGy;
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  %s, %.4f mm voxels: %d histories, %.1f s%n",
                tissue.label(),
                mm,
                r.histories(),
                r.elapsed().toNanos() / 1e9);
        return shell;
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.nuclide.Nuclide;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Density;
import org.netra.testkit.TestData;

/**
 * netra's Monte Carlo (electrons transported) in a homogeneous medium against the voxel S-values of Lanconelli et
 * al. (Phys Med Biol 2012;57:517, DOSXYZnrc), read from ../shared/data/voxel-s-values as published: a source
 * uniform in the central voxel of an 11³ grid, the dose per decay in each voxel.
 */
class PublishedVoxelSValuesTest {
    private static final int N = 11;
    private static final int C = N / 2;

    /** S (mGy/(MBq·s)) per octant index (i, j, k), 0–5, as published. */
    static double[][][] published(String file) throws IOException {
        double[][][] s = new double[6][6][6];
        List<String> lines = Files.readAllLines(TestData.path("voxel-s-values").resolve(file), StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(2, lines.size())) {
            String[] c = line.trim().split("\\s+");
            if (c.length == 4) {
                s[Integer.parseInt(c[0])][Integer.parseInt(c[1])][Integer.parseInt(c[2])] = Double.parseDouble(c[3]);
            }
        }
        return s;
    }

    /** The Monte Carlo's S per octant index, averaged over the 48 symmetric voxels of each (mGy/(MBq·s)). */
    static double[][][] monteCarlo(Nuclide nuclide, String medium, double density, double mm, int histories) {
        Geometry g = Geometry.of(N, N, N, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        VoxelPhantom phantom = VoxelPhantom.uniform(
                g, PhotonCrossSections.shipped().medium(medium), Density.ofGramsPerMl(density));
        float[] a = new float[g.voxelCount()];
        a[g.index(C, C, C)] = 1e6f;
        MonteCarloResult r = MonteCarloDose.run(
                phantom,
                ImageVolume.wrap(g, VoxelUnit.BQ_S, a),
                nuclide,
                List.of(),
                MonteCarloSettings.defaults().withBatches(histories / 10, 10, 10),
                s -> {});
        float[] d = r.dose().voxels();
        double[][][] s = new double[6][6][6];
        int[][][] count = new int[6][6][6];
        for (int x = 0; x < N; x++) {
            for (int y = 0; y < N; y++) {
                for (int z = 0; z < N; z++) {
                    int[] o = {Math.abs(x - C), Math.abs(y - C), Math.abs(z - C)};
                    java.util.Arrays.sort(o);
                    // Gy per 10⁶ decays is mGy per MBq·s
                    s[o[0]][o[1]][o[2]] += 1000 * d[g.index(x, y, z)];
                    count[o[0]][o[1]][o[2]]++;
                }
            }
        }
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    if (count[i][j][k] > 0) {
                        s[i][j][k] /= count[i][j][k];
                    }
                }
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0} at {1} mm in {2}")
    @CsvSource({
        "Y-90, 2.21, soft", "Y-90, 4.42, soft", "Y-90, 9.28, soft", "Y-90, 3, bone",
        "Lu-177, 2.21, soft", "Lu-177, 4.42, soft", "Lu-177, 2.21, bone"
    })
    void matchesThePublishedVoxelSValues(String nuclideName, double mm, String tissue) throws IOException {
        Nuclide nuclide = NuclideCatalog.icrp107().get(nuclideName);
        String prefix = nuclideName.equals("Y-90") ? "90Y" : "177Lu";
        String size = mm == Math.rint(mm) ? String.valueOf((int) mm) : String.valueOf(mm);
        double[][][] ref = published(prefix + size + "mm" + tissue + ".txt");
        boolean bone = tissue.equals("bone");
        double[][][] mc = monteCarlo(
                nuclide,
                bone ? PhotonCrossSections.CORTICAL_BONE : PhotonCrossSections.SOFT_TISSUE,
                bone ? 1.85 : 1.04,
                mm,
                1_000_000);
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = i; j < 6; j++) {
                for (int k = j; k < 6; k++) {
                    if (ref[i][j][k] > 0.01 * ref[0][0][0]) {
                        double ratio = mc[i][j][k] / ref[i][j][k];
                        worst = Math.max(worst, Math.abs(ratio - 1));
                        report.append(String.format(Locale.ROOT, " (%d%d%d) %.3g/%.3g=%.3f", i, j, k, mc[i][j][k], ref[i][j][k], ratio));
                    }
                }
            }
        }
        System.out.println(nuclideName + " " + mm + " " + tissue + ": worst " + worst + report);
        assertThat(worst).as(report.toString()).isLessThan(0.03);
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        List<String> lines =
                Files.readAllLines(TestData.path("voxel-s-values").resolve(file), StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(2, lines.size())) {
            String[] c = line.trim().split("\\s+");
            if (c.length == 4) {
                s[Integer.parseInt(c[0])][Integer.parseInt(c[1])][Integer.parseInt(c[2])] = Double.parseDouble(c[3]);
            }
        }
        return s;
    }

    /** The Monte Carlo's S per octant index, averaged over the 48 symmetric voxels of each (mGy/(MBq·s)). */
    static double[][][] monteCarlo(
            Nuclide nuclide, String medium, double density, double mm, int histories, boolean betasOnly) {
        Geometry g = Geometry.of(N, N, N, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        VoxelPhantom phantom =
                VoxelPhantom.uniform(g, PhotonCrossSections.shipped().medium(medium), Density.ofGramsPerMl(density));
        float[] a = new float[g.voxelCount()];
        a[g.index(C, C, C)] = 1e6f;
        ImageVolume tia = ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
        MonteCarloSettings settings = MonteCarloSettings.defaults().withBatches(histories / 10, 10, 10);
        MonteCarloResult r;
        if (betasOnly) {
            ElectronEmissions all = ElectronEmissions.of(nuclide, ElectronEmissions.DEFAULT_CUT);
            var betas = all.emissions().stream()
                    .filter(e -> e instanceof ElectronEmissions.BetaBranch)
                    .toList();
            double yield = betas.stream()
                    .mapToDouble(ElectronEmissions.Emission::yieldPerDecay)
                    .sum();
            double mev = betas.stream()
                    .mapToDouble(e -> e.yieldPerDecay() * e.meanMeV())
                    .sum();
            ElectronEmissions only = new ElectronEmissions(
                    nuclide.name(), betas, yield, org.netra.physics.quantity.Energy.ofMeV(mev), all.cut());
            DecaySource photons = DecaySource.of(tia, nuclide, settings.photonCut())
                    .withLocalEnergy(org.netra.physics.quantity.Energy.ZERO);
            r = MonteCarloDose.run(
                    phantom,
                    photons,
                    new CpuPhotonTransport(phantom, photons),
                    java.util.Optional.of(new CpuElectronTransport(phantom, photons, only)),
                    List.of(),
                    settings,
                    s -> {});
        } else {
            r = MonteCarloDose.run(phantom, tia, nuclide, List.of(), settings, s -> {});
        }
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
        // every ordering of (i, j, k) holds its sorted voxel's value, as the published octant does
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    int[] o = {i, j, k};
                    java.util.Arrays.sort(o);
                    s[i][j][k] = s[o[0]][o[1]][o[2]];
                }
            }
        }
        return s;
    }

    private static final java.util.Map<String, double[][][]> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * netra's S-values for one published table. 177Lu with ICRP-107's β⁻ branches only: the published kernels
     * carry 138 keV of electron energy per decay (docs/dosimetry.md), close to the β branches' 133 keV and far from
     * the 148 keV with the conversion and Auger electrons, so the tables were computed without most of those.
     */
    private static double[][][] netra(String nuclideName, double mm, String tissue) {
        return RUNS.computeIfAbsent(nuclideName + mm + tissue, key -> {
            boolean bone = tissue.equals("bone");
            return monteCarlo(
                    NuclideCatalog.icrp107().get(nuclideName),
                    bone ? PhotonCrossSections.COMPACT_BONE : PhotonCrossSections.SOFT_TISSUE,
                    // Lanconelli's media: soft tissue at 1.04 g/cm³ and "Bone compact" — ICRU compact bone, 1.85
                    // g/cm³, 14.7 % Ca (their tables' headers). ICRU 46's cortical bone (22.5 % Ca) in its place read
                    // the 90Y 3 mm (011) voxel 2.6–3.1 % high over four seeds, compact bone 0.4 % low
                    bone ? 1.85 : 1.04,
                    mm,
                    1_000_000,
                    nuclideName.equals("Lu-177"));
        });
    }

    private static double[][][] table(String nuclideName, double mm, String tissue) throws IOException {
        String prefix = nuclideName.equals("Y-90") ? "90Y" : "177Lu";
        String size = mm == Math.rint(mm) ? String.valueOf((int) mm) : String.valueOf(mm);
        return published(prefix + size + "mm" + tissue + ".txt");
    }

    private static double kernelSum(double[][][] s) {
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    sum += s[i][j][k] * (i == 0 ? 1 : 2) * (j == 0 ? 1 : 2) * (k == 0 ? 1 : 2);
                }
            }
        }
        return sum;
    }

    /**
     * The issue's criterion: every voxel above 1 % of the central one within 3 %, with no exceptions since λ₁ has
     * the Mott factor (before it, 90Y's end-of-range voxels (0,0,2) at 3 mm and (1,1,1) at 4.42 mm read −3.9 % and
     * −5.6 %: docs/dosimetry.md). 90Y
     * absolute (the tables' electron energy is ICRP-107's, 934 vs 933 keV); 177Lu in shape (each voxel's share of
     * the 11³ kernel), as its tables carry 138 keV of electrons against the 133 keV transported; the absolute
     * values are also held to 6.5 % (that 3.5 % gap plus 3 %).
     */
    @ParameterizedTest(name = "{0} at {1} mm in {2}")
    @CsvSource({
        "Y-90, 2.21, soft",
        "Y-90, 3, soft",
        "Y-90, 4.42, soft",
        "Y-90, 9.28, soft",
        "Y-90, 3, bone",
        "Lu-177, 2.21, soft",
        "Lu-177, 4.42, soft",
        "Lu-177, 2.21, bone"
    })
    void matchesThePublishedVoxelSValues(String nuclideName, double mm, String tissue) throws IOException {
        double[][][] ref = table(nuclideName, mm, tissue);
        double[][][] mc = netra(nuclideName, mm, tissue);
        boolean shape = nuclideName.equals("Lu-177");
        double scale = shape ? kernelSum(ref) / kernelSum(mc) : 1;
        StringBuilder report = new StringBuilder();
        List<String> misses = new java.util.ArrayList<>();
        double worstAbsolute = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = i; j < 6; j++) {
                for (int k = j; k < 6; k++) {
                    double share = ref[i][j][k] / ref[0][0][0];
                    if (share > 0.01) {
                        double ratio = scale * mc[i][j][k] / ref[i][j][k];
                        worstAbsolute = Math.max(worstAbsolute, Math.abs(mc[i][j][k] / ref[i][j][k] - 1));
                        String voxel =
                                String.format(Locale.ROOT, "%s %s %s (%d%d%d)", nuclideName, mm, tissue, i, j, k);
                        if (Math.abs(ratio - 1) >= 0.03) {
                            misses.add(voxel + String.format(Locale.ROOT, " %.3f", ratio));
                        }
                        report.append(String.format(
                                Locale.ROOT,
                                " (%d%d%d) %.3g/%.3g=%.3f",
                                i,
                                j,
                                k,
                                scale * mc[i][j][k],
                                ref[i][j][k],
                                ratio));
                    }
                }
            }
        }
        System.out.println(nuclideName + " " + mm + " " + tissue + (shape ? " (shape)" : "") + ":" + report);
        assertThat(misses).as(report.toString()).isEmpty();
        if (shape) {
            // the energy gap (133.3 against 138 keV, 3.5 %) plus the 3 % of the shape
            assertThat(worstAbsolute).as(report.toString()).isLessThan(0.065);
        }
    }

    /**
     * Heterogeneity: bone against soft tissue at the same voxel size, the way the published kernels differ — the
     * central voxel by about the density ratio (shorter range, more kept, but 1.78× the mass) and the neighbours
     * by much more (fewer electrons reach them).
     */
    @ParameterizedTest(name = "{0} at {1} mm")
    @CsvSource({"Y-90, 3", "Lu-177, 2.21"})
    void boneDiffersFromSoftTissueAsThePublishedKernelsDo(String nuclideName, double mm) throws IOException {
        double[][][] refBone = table(nuclideName, mm, "bone"), refSoft = table(nuclideName, mm, "soft");
        double[][][] mcBone = netra(nuclideName, mm, "bone"), mcSoft = netra(nuclideName, mm, "soft");
        for (int[] v : new int[][] {{0, 0, 0}, {0, 0, 1}}) {
            double published = refBone[v[0]][v[1]][v[2]] / refSoft[v[0]][v[1]][v[2]];
            double ours = mcBone[v[0]][v[1]][v[2]] / mcSoft[v[0]][v[1]][v[2]];
            System.out.printf(
                    Locale.ROOT,
                    "%s %.2f mm voxel %s bone/soft: published %.3f, netra %.3f%n",
                    nuclideName,
                    mm,
                    java.util.Arrays.toString(v),
                    published,
                    ours);
            assertThat(ours / published).isCloseTo(1, within(0.03));
        }
    }

    /**
     * Lung, for which no published voxel S-values are at hand: O'Connor's scaling theorem (Phys Med Biol
     * 1957;2:352; Fano) says that in media of one composition a geometry scaled by 1/ρ gives the same energy in each
     * corresponding voxel. So ICRU 44 lung at 0.26 g/mL in 8.84 mm voxels must give each voxel 1/16 of the S-value
     * of the same composition at 1.04 g/mL in 2.21 mm voxels (16 times the mass) — a check that every length in the
     * transport (steps, ranges, range rejection, photon paths) follows the voxel's density. With the same seed the
     * histories are the same ones scaled, so the ratio is 1 to rounding (measured 1.0000); a length that did not
     * scale would show at once.
     */
    @org.junit.jupiter.api.Test
    void lungFollowsTheDensityScalingTheorem() {
        Nuclide y90 = NuclideCatalog.icrp107().get("Y-90");
        double[][][] dense = monteCarlo(y90, PhotonCrossSections.LUNG, 1.04, 2.21, 50_000, false);
        double[][][] lung = monteCarlo(y90, PhotonCrossSections.LUNG, 0.26, 8.84, 50_000, false);
        for (int[] v : new int[][] {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}}) {
            double ratio = 16 * lung[v[0]][v[1]][v[2]] / dense[v[0]][v[1]][v[2]];
            System.out.printf(
                    Locale.ROOT,
                    "lung scaling voxel %s: 16·S(0.26, 8.84 mm)/S(1.04, 2.21 mm) = %.4f%n",
                    java.util.Arrays.toString(v),
                    ratio);
            assertThat(ratio).isCloseTo(1, within(0.02));
        }
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.decay.EnergyPartition;
import org.netra.physics.quantity.Density;
import org.netra.physics.quantity.Energy;

/** The transport's pieces against closed forms: the Klein–Nishina and Thomson laws, first-flight escape. */
class CpuPhotonTransportTest {
    private static final Consumer<String> QUIET = s -> {};

    /** ⟨ε⟩ and ⟨cos θ⟩ over the Klein–Nishina dσ/dΩ, by Simpson's rule in cos θ (no sampling). */
    private static double[] kleinNishinaMeans(double k) {
        int n = 20_000;
        double w = 0, we = 0, wc = 0;
        for (int i = 0; i <= n; i++) {
            double c = -1 + 2.0 * i / n;
            double eps = 1 / (1 + k * (1 - c));
            double d = eps * eps * (eps + 1 / eps - (1 - c * c));
            double simpson = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            w += simpson * d;
            we += simpson * d * eps;
            wc += simpson * d * c;
        }
        return new double[] {we / w, wc / w};
    }

    @Test
    void comptonSamplingFollowsKleinNishina() {
        SplittableRandom random = new SplittableRandom(7);
        for (double keV : new double[] {30, 113, 208, 364, 1000}) {
            double k = keV / 510.99895;
            int n = 400_000;
            double se = 0, sc = 0;
            for (int i = 0; i < n; i++) {
                double eps = CpuPhotonTransport.comptonEpsilon(k, random);
                se += eps;
                sc += 1 - (1 / eps - 1) / k;
            }
            double[] expected = kleinNishinaMeans(k);
            assertThat(se / n).as("<E'/E> at %.0f keV", keV).isCloseTo(expected[0], within(0.002));
            assertThat(sc / n).as("<cos θ> at %.0f keV", keV).isCloseTo(expected[1], within(0.004));
        }
    }

    @Test
    void rayleighAnglesFollowThomson() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 400_000;
        double c2 = 0, c1 = 0;
        for (int i = 0; i < n; i++) {
            double c = CpuPhotonTransport.thomsonCosine(random);
            c1 += c;
            c2 += c * c;
        }
        // ∫c²(1+c²)dc / ∫(1+c²)dc = (2/3 + 2/5)/(8/3) = 2/5
        assertThat(c2 / n).isCloseTo(0.4, within(0.003));
        assertThat(c1 / n).isCloseTo(0, within(0.003));
    }

    @Test
    void rotationKeepsAUnitVectorAtTheGivenAngle() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double w = 2 * random.nextDouble() - 1, phi = 2 * Math.PI * random.nextDouble();
            double s = Math.sqrt(1 - w * w);
            double u = s * Math.cos(phi), v = s * Math.sin(phi);
            double c = 2 * random.nextDouble() - 1;
            double[] d = CpuPhotonTransport.rotate(u, v, w, c, 2 * Math.PI * random.nextDouble());
            assertThat(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).isCloseTo(1, within(1e-12));
            assertThat(d[0] * u + d[1] * v + d[2] * w).isCloseTo(c, within(1e-9));
        }
    }

    /** A medium that only absorbs, μ/ρ = {@code perGram} at every energy. */
    private static PhotonMedium absorber(double perGram) {
        double[] e = PhotonCrossSections.shipped().energiesKeV();
        double[] p = new double[e.length];
        Arrays.fill(p, perGram);
        return new PhotonMedium(
                "absorber", java.util.Map.of("H", 1.0), e, p, new double[e.length], new double[e.length]);
    }

    /** A sphere of {@code radius} voxels at unit density in a cube of near-vacuum, and its mask. */
    private static VoxelPhantom sphereIn(Geometry g, PhotonMedium medium, double radius, boolean[] inside) {
        int n = g.voxelCount();
        float[] rho = new float[n];
        double c = (g.nx() - 1) / 2.0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double r2 = (i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c);
                    int v = g.index(i, j, k);
                    inside[v] = r2 <= radius * radius;
                    rho[v] = inside[v] ? 1f : 1e-9f;
                }
            }
        }
        return new VoxelPhantom(g, List.of(medium), new byte[n], rho, "sphere");
    }

    /** Case, de Hoffmann and Placzek: first-flight escape from a uniform isotropic source in a sphere of μr = τ. */
    private static double escape(double tau) {
        return 3 / (8 * tau * tau * tau) * (2 * tau * tau - 1 + (1 + 2 * tau) * Math.exp(-2 * tau));
    }

    @Test
    void aPureAbsorberSphereAbsorbesWhatFirstFlightEscapeLeaves() {
        // 1 mm voxels, radius 40 mm, μ = 0.25 /cm: τ = 1, absorbed fraction 1 − P_esc(1) = 0.4727
        int size = 83;
        Geometry g = Geometry.of(size, size, size, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        boolean[] inside = new boolean[g.voxelCount()];
        VoxelPhantom phantom = sphereIn(g, absorber(0.25), 40, inside);
        float[] a = new float[g.voxelCount()];
        for (int v = 0; v < a.length; v++) {
            a[v] = inside[v] ? 1e6f : 0;
        }
        ImageVolume tia = ImageVolume.wrap(g, VoxelUnit.BQ_S, a);
        // the voxelised sphere holds the same volume as one of radius r_eq
        long count = 0;
        for (boolean b : inside) {
            count += b ? 1 : 0;
        }
        double rEqCm = Math.cbrt(3 * count / (4 * Math.PI)) / 10;
        DecaySource source =
                DecaySource.of(tia, "100 keV", List.<double[]>of(new double[] {100, 1}), Energy.ZERO, Energy.ofKeV(10));
        var settings = MonteCarloSettings.defaults().withBatches(20_000, 10, 10).withThreads(2);
        MonteCarloResult r = MonteCarloDose.run(
                phantom,
                source,
                new CpuPhotonTransport(phantom, source),
                List.of(Mask.of("sphere", g, inside)),
                settings,
                QUIET);
        double af = r.photonKeVAbsorbed() / r.photonKeVEmitted();
        double expected = 1 - escape(0.25 * rEqCm);
        // 200 000 histories: ±0.25 % statistical; the staircase surface lets a little more escape
        assertThat(af).isCloseTo(expected, within(0.01 * expected));
        assertThat(r.photonKeVAbsorbed() + r.photonKeVEscaped()).isCloseTo(r.photonKeVEmitted(), within(1e-6));
    }

    @Test
    void aPointSourceInAPureAbsorberLosesExpMinusMuR() {
        int size = 81;
        Geometry g = Geometry.of(size, size, size, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        boolean[] inside = new boolean[g.voxelCount()];
        VoxelPhantom phantom = sphereIn(g, absorber(0.5), 40, inside);
        float[] a = new float[g.voxelCount()];
        a[g.index(40, 40, 40)] = 1e6f;
        DecaySource source = DecaySource.of(
                ImageVolume.wrap(g, VoxelUnit.BQ_S, a),
                "50 keV",
                List.<double[]>of(new double[] {50, 1}),
                Energy.ZERO,
                Energy.ofKeV(10));
        MonteCarloResult r = MonteCarloDose.run(
                phantom,
                source,
                new CpuPhotonTransport(phantom, source),
                List.of(),
                MonteCarloSettings.defaults().withBatches(20_000, 10, 10),
                QUIET);
        // μr = 0.5/cm × ≈ 4.0 cm (the voxel's extent blurs the radius by < 0.05 cm): escape e^(−2) = 0.1353
        assertThat(r.photonKeVEscaped() / r.photonKeVEmitted()).isCloseTo(Math.exp(-2), within(0.004));
    }

    @Test
    void aUniformPhantomNeedsAPositiveDensity() {
        Geometry g = Geometry.of(2, 2, 2, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        PhotonMedium water = PhotonCrossSections.shipped().medium(PhotonCrossSections.WATER);
        VoxelPhantom ok = VoxelPhantom.uniform(g, water, Density.WATER);
        assertThat(ok.description()).contains("no CT");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new VoxelPhantom(g, List.of(water), new byte[8], new float[8], "x"))
                .hasMessageContaining("positive density");
        assertThat(EnergyPartition.DEFAULT_PHOTON_CUT.inKeV()).isEqualTo(10);
    }
}

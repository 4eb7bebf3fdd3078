package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.quantity.Energy;

/**
 * Photon absorbed fractions of uniform water spheres in vacuum. No published table of them was found (docs/
 * dosimetry.md lists the searches), so the substitute is the part that is exactly computable: the primary
 * (first-interaction) absorbed fraction, the probability of interacting inside the sphere — integrated here
 * numerically over source points and directions, not from a closed form — times the share of the photon's energy
 * its first interaction gives the electrons (photoelectric all of it; Compton 1 − ⟨ε⟩ over Klein–Nishina × S by
 * Simpson's rule). The transport's tally of first interactions must match it.
 */
class PhotonSphereAbsorbedFractionTest {
    private static final Consumer<String> QUIET = s -> {};
    private static final int SIZE = 43;
    private static final double RADIUS_VOXELS = 20;

    private record Sphere(VoxelPhantom phantom, Mask mask, ImageVolume tia, double radiusCm) {}

    /** A water sphere of 20 voxels' radius (its equivalent radius from its voxel count) in near-vacuum. */
    private static Sphere sphere(double voxelMm) {
        Geometry g = Geometry.of(SIZE, SIZE, SIZE, new double[] {voxelMm, voxelMm, voxelMm}, new double[] {0, 0, 0});
        int n = g.voxelCount();
        boolean[] inside = new boolean[n];
        float[] rho = new float[n];
        float[] a = new float[n];
        long count = 0;
        double c = (SIZE - 1) / 2.0;
        for (int k = 0; k < SIZE; k++) {
            for (int j = 0; j < SIZE; j++) {
                for (int i = 0; i < SIZE; i++) {
                    int v = g.index(i, j, k);
                    inside[v] =
                            (i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c) <= RADIUS_VOXELS * RADIUS_VOXELS;
                    rho[v] = inside[v] ? 1f : 1e-9f;
                    a[v] = inside[v] ? 1e6f : 0;
                    count += inside[v] ? 1 : 0;
                }
            }
        }
        PhotonMedium water = PhotonCrossSections.shipped().medium(PhotonCrossSections.WATER);
        VoxelPhantom phantom = new VoxelPhantom(g, List.of(water), new byte[n], rho, "water sphere");
        double radiusCm = Math.cbrt(3 * count * g.voxelVolume().inMl() / (4 * Math.PI));
        return new Sphere(phantom, Mask.of("sphere", g, inside), ImageVolume.wrap(g, VoxelUnit.BQ_S, a), radiusCm);
    }

    /**
     * The probability that a photon from a uniform isotropic source in a sphere of μR = {@code tau} interacts in
     * it: 1 − ⟨e^(−μs)⟩ over source radius (weight 3r²) and direction cosine to the radius (uniform), s the
     * chord to the surface, by Simpson's rule in both.
     */
    static double interactionProbability(double tau) {
        int n = 2000;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double r = (double) i / n;
            double wr = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            double inner = 0;
            for (int j = 0; j <= n; j++) {
                double mu = -1 + 2.0 * j / n;
                double wm = (j == 0 || j == n) ? 1 : (j % 2 == 1 ? 4 : 2);
                double chord = -r * mu + Math.sqrt(Math.max(0, 1 - r * r * (1 - mu * mu)));
                inner += wm * Math.exp(-tau * chord);
            }
            inner *= (2.0 / n) / 3 / 2; // Simpson over [−1, 1], then the mean over directions
            sum += wr * 3 * r * r * inner;
        }
        return 1 - sum / n / 3;
    }

    /** 1 − ⟨E′/E⟩ of a Compton scatter over Klein–Nishina × S(x) in water, Simpson's rule in cos θ. */
    static double comptonTransfer(BoundScattering water, double keV) {
        int n = 20_000;
        double k = keV / 510.99895;
        double w = 0, we = 0;
        for (int i = 0; i <= n; i++) {
            double c = -1 + 2.0 * i / n;
            double eps = 1 / (1 + k * (1 - c));
            double kn = eps * eps * (eps + 1 / eps - (1 - c * c));
            double d = kn * water.incoherentShare(BoundScattering.momentumTransfer(keV, c));
            double s = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            w += s * d;
            we += s * d * eps;
        }
        return 1 - we / w;
    }

    private static double[] run(Sphere s, double keV, boolean binding) {
        DecaySource source = DecaySource.of(
                s.tia(), keV + " keV", List.<double[]>of(new double[] {keV, 1}), Energy.ZERO, Energy.ofKeV(10));
        CpuPhotonTransport transport = new CpuPhotonTransport(s.phantom(), source, binding);
        MonteCarloResult r = MonteCarloDose.run(
                s.phantom(),
                source,
                transport,
                List.of(s.mask()),
                MonteCarloSettings.defaults()
                        .withBatches(20_000, 10, 40)
                        .withTarget(1e-4, java.time.Duration.ofMinutes(10))
                        .withThreads(2),
                QUIET);
        return new double[] {
            r.photonKeVAbsorbed() / r.photonKeVEmitted(),
            transport.firstInteractionKeV() / r.histories() / r.photonKeVEmitted()
        };
    }

    @Test
    void theIntegratedInteractionProbabilityIsCaseDeHoffmannAndPlaczeks() {
        for (double tau : new double[] {0.1, 1, 3}) {
            double closed = 1 - 3 / (8 * tau * tau * tau) * (2 * tau * tau - 1 + (1 + 2 * tau) * Math.exp(-2 * tau));
            assertThat(interactionProbability(tau)).isCloseTo(closed, within(1e-5));
        }
    }

    @Test
    void theFirstInteractionsAbsorbThePrimaryAbsorbedFraction() {
        PhotonMedium water = PhotonCrossSections.shipped().medium(PhotonCrossSections.WATER);
        BoundScattering bound = PhotonCrossSections.shipped().boundScattering(water);
        for (double voxelMm : new double[] {0.5, 2}) {
            Sphere s = sphere(voxelMm);
            for (double keV : new double[] {30, 55.8, 112.9, 208.4}) {
                double interact = interactionProbability(water.total(keV) * s.radiusCm());
                double transfer = (water.photoelectric(keV) + water.incoherent(keV) * comptonTransfer(bound, keV))
                        / water.total(keV);
                double primary = interact * transfer;
                double[] mc = run(s, keV, true);
                System.out.printf(
                        "R = %.2f cm, %.1f keV: primary AF %.4f, MC first interactions %.4f, MC total AF %.4f%n",
                        s.radiusCm(), keV, primary, mc[1], mc[0]);
                assertThat(mc[1])
                        .as("%.1f keV, R %.2f cm", keV, s.radiusCm())
                        .isCloseTo(primary, within(0.015 * primary));
                assertThat(mc[0]).isGreaterThan(mc[1]);
            }
        }
    }

    /**
     * What binding in the angles changes in the absorbed fraction of 177Lu's photons (the 55.8 keV Kα X-ray and the
     * 112.9 keV gamma) in a 4 mL and a 268 mL water sphere: the same histories with free-electron angles.
     */
    @Test
    void bindingInTheAnglesChangesSmallSphereAbsorbedFractionsByLittle() {
        for (double voxelMm : new double[] {0.5, 2}) {
            Sphere s = sphere(voxelMm);
            for (double keV : new double[] {30, 55.8, 112.9}) {
                double bound = run(s, keV, true)[0];
                double free = run(s, keV, false)[0];
                System.out.printf(
                        "R = %.2f cm, %.1f keV: AF with binding %.4f, free angles %.4f, ratio %.4f%n",
                        s.radiusCm(), keV, bound, free, bound / free);
                assertThat(bound / free)
                        .as("%.1f keV, R %.2f cm", keV, s.radiusCm())
                        .isCloseTo(1, within(0.025));
            }
        }
    }
}

package org.netra.dosimetry.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The Compton and Rayleigh angles with binding against xraylib's own differential cross sections (DCS_Compt =
 * Klein–Nishina × S, DCS_Rayl = Thomson × F², per element, mixed by mass fraction), integrated by scipy's adaptive
 * quadrature into P(cos θ < c) ({@code scattering-angle-cdf.tsv}, netra-dosimetry/tools/scattering_angles_reference.py):
 * nothing of the reference passes through netra's resource, mixing, interpolation or sampling. The statistic is
 * Kolmogorov–Smirnov's D over the reference's 201 points, held to its 0.1 % critical value 1.95/√N.
 */
class BoundScatteringTest {
    private static final int SAMPLES = 200_000;
    private static final double KS_CRITICAL = 1.95 / Math.sqrt(SAMPLES);

    record Reference(String medium, String process, double keV, double[] cosines, double[] cdf) {}

    static List<Reference> references() throws IOException {
        var in = BoundScatteringTest.class.getResourceAsStream("scattering-angle-cdf.tsv");
        List<Reference> out = new ArrayList<>();
        double[] cosines = null;
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                if (c[0].equals("cos_theta")) {
                    cosines = Arrays.stream(c, 1, c.length)
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                } else {
                    double[] cdf = Arrays.stream(c, 3, c.length)
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                    out.add(new Reference(c[0], c[1], Double.parseDouble(c[2]), cosines, cdf));
                }
            }
        }
        return out;
    }

    /** Kolmogorov–Smirnov's D between the sampled cosines and the reference, at the reference's points. */
    static double ksDistance(Reference ref, DoubleSupplier cosine) {
        double[] s = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            s[i] = cosine.getAsDouble();
        }
        Arrays.sort(s);
        double d = 0;
        for (int j = 0; j < ref.cosines().length; j++) {
            int below = Arrays.binarySearch(s, ref.cosines()[j]);
            below = below >= 0 ? below : -below - 1;
            d = Math.max(d, Math.abs((double) below / SAMPLES - ref.cdf()[j]));
        }
        return d;
    }

    private static DoubleSupplier bound(Reference ref, SplittableRandom random) {
        BoundScattering b = PhotonCrossSections.shipped()
                .boundScattering(PhotonCrossSections.shipped().medium(ref.medium()));
        double k = ref.keV() / 510.99895;
        return ref.process().equals("compton")
                ? () -> 1 - (1 / b.comptonEpsilon(ref.keV(), random) - 1) / k
                : () -> b.rayleighCosine(ref.keV(), random);
    }

    private static DoubleSupplier free(Reference ref, SplittableRandom random) {
        double k = ref.keV() / 510.99895;
        return ref.process().equals("compton")
                ? () -> 1 - (1 / CpuPhotonTransport.comptonEpsilon(k, random) - 1) / k
                : () -> CpuPhotonTransport.thomsonCosine(random);
    }

    @Test
    void boundAnglesFollowXraylibsDifferentialCrossSections() throws IOException {
        List<Reference> refs = references();
        assertThat(refs).hasSize(8);
        for (Reference ref : refs) {
            double d = ksDistance(ref, bound(ref, new SplittableRandom(31)));
            System.out.printf(
                    "bound %s %s %.0f keV: D = %.5f (critical %.5f)%n",
                    ref.medium(), ref.process(), ref.keV(), d, KS_CRITICAL);
            assertThat(d)
                    .as("KS D, %s %s at %.0f keV (critical %.4f)", ref.medium(), ref.process(), ref.keV(), KS_CRITICAL)
                    .isLessThan(KS_CRITICAL);
        }
    }

    /** The test has the power to see binding: the free-electron angles fail it in every case. */
    @Test
    void freeElectronAnglesFailTheSameTest() throws IOException {
        for (Reference ref : references()) {
            double d = ksDistance(ref, free(ref, new SplittableRandom(37)));
            System.out.printf("free %s %s %.0f keV: D = %.5f%n", ref.medium(), ref.process(), ref.keV(), d);
            assertThat(d)
                    .as("KS D of the free-electron angles, %s %s at %.0f keV", ref.medium(), ref.process(), ref.keV())
                    .isGreaterThan(2 * KS_CRITICAL);
        }
    }

    @Test
    void anElementWithoutScatteringFunctionsIsRefusedByName() {
        var odd = new PhotonMedium(
                "odd", java.util.Map.of("Xe", 1.0), new double[] {1, 2}, new double[2], new double[2], new double[2]);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PhotonCrossSections.shipped().boundScattering(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Xe")
                .hasMessageContaining("odd");
    }
}

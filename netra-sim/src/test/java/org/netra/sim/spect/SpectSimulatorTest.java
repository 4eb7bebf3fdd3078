package org.netra.sim.spect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.anatomy.BodySize;
import org.netra.sim.anatomy.Phantom;
import org.netra.sim.anatomy.PhantomSpec;
import org.netra.sim.anatomy.Region;
import org.netra.sim.kinetics.Lu177Dotatate;
import org.netra.sim.kinetics.TrueKinetics;

class SpectSimulatorTest {
    private static final Phantom PHANTOM = Phantom.build(PhantomSpec.standard(BodySize.REFERENCE_MALE));
    private static final TrueKinetics TRUTH = TrueKinetics.of(PHANTOM, Lu177Dotatate.standard(), 7400);

    @Test
    void aPointSourceBlursToTheRequestedFwhm() {
        // the second moment of the blurred point is σ² = (FWHM / 2√(2 ln 2))² (analytic)
        Geometry g = Geometry.of(65, 65, 65, new double[] {2, 2, 2}, new double[3]);
        float[] v = new float[g.voxelCount()];
        v[g.index(32, 32, 32)] = 1000;
        ImageVolume b = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v), 12);
        double sum = 0, m2 = 0;
        for (int i = 0; i < 65; i++) {
            double f = b.get(i, 32, 32);
            sum += f;
            m2 += f * (i - 32) * (i - 32) * 4;
        }
        double sigma = 12 / GaussianBlur.FWHM_PER_SIGMA;
        assertThat(Math.sqrt(m2 / sum)).isCloseTo(sigma, within(sigma * 0.01));
        double total = 0;
        for (float f : b.voxels()) {
            total += f;
        }
        assertThat(total).isCloseTo(1000, within(1e-2));
    }

    @Test
    void noiseIsPoissonAroundTheTruthAndTheSeedFixesIt() {
        SpectSettings s = SpectSettings.DEFAULTS.withScanHours(List.of(24.0)).withFwhm(0);
        ImageVolume image = SpectSimulator.simulate(TRUTH, s, 5).get(0).image();
        ImageVolume truth = TRUTH.activityMap(24);
        double k = PHANTOM.geometry().voxelVolume().inMl() * 1e-6 * s.sensitivityCpsPerMBq() * s.acquisitionSeconds();
        // in the liver every voxel has the same truth c: mean c, variance c/k (Poisson counts scaled by 1/k)
        double n = 0, mean = 0, m2 = 0, c = 0;
        for (int i = 0; i < image.voxels().length; i++) {
            if (PHANTOM.region(i) == Region.LIVER) {
                c = truth.voxels()[i];
                double x = image.voxels()[i];
                n++;
                double d = x - mean;
                mean += d / n;
                m2 += d * (x - mean);
            }
        }
        double variance = m2 / (n - 1);
        assertThat(mean).isCloseTo(c, within(4 * Math.sqrt(c / k / n)));
        // the sample variance of n Poisson draws has a relative SD of about √(2/n)
        assertThat(variance).isCloseTo(c / k, within(c / k * 5 * Math.sqrt(2 / n)));
        assertThat(SpectSimulator.simulate(TRUTH, s, 5).get(0).image().voxels()).isEqualTo(image.voxels());
    }

    @Test
    void laterScansAreMisalignedByTheRequestedDistance() {
        SpectSettings s = SpectSettings.DEFAULTS.withMisalignment(6);
        List<SpectScan> scans = SpectSimulator.simulate(TRUTH, s, 9);
        assertThat(scans.get(0).motion().translation()).containsExactly(0, 0, 0);
        for (SpectScan scan : scans.subList(1, scans.size())) {
            double[] t = scan.motion().translation();
            double[] r = scan.motion().rotation();
            // translation as stated applies about the grid centre (0,0,0 here): |t| = 6 mm
            assertThat(Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2])).isCloseTo(6, within(1e-9));
            assertThat(r[0]).isGreaterThan(Math.cos(Math.toRadians(6.0 / 5 * 1.8)));
        }
        assertThat(SpectSimulator.simulate(TRUTH, SpectSettings.DEFAULTS, 9)
                        .get(2)
                        .motion()
                        .translation())
                .containsExactly(0, 0, 0);
    }
}

package org.netra.dosimetry.organ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.dosimetry.kinetics.KineticsSettings;
import org.netra.dosimetry.voxel.FftConvolution;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Times;

/**
 * A kidney (ellipsoid, 173 mL) filled uniformly with a mono-exponentially clearing concentration, imaged
 * with a 12 mm FWHM camera blur: five 2 mL VOIs inside it recover the true concentration, a whole-kidney VOI
 * does not, and the small-VOI dose equals OpenDose's dose to a uniformly filled phantom kidney.
 */
class SmallVoiKidneyTest {
    static final double MM = 2;
    static final Geometry GRID = Geometry.of(80, 64, 64, new double[] {MM, MM, MM}, new double[] {-79, -63, -63});
    static final double C0 = 3e5; // Bq/mL at injection
    static final double LAMBDA = Math.log(2) / 45; // per hour
    static final double[] HOURS = {4, 24, 96, 168};
    static final KineticsSettings KINETICS =
            KineticsSettings.of(NuclideCatalog.icrp107().get("Lu-177"));

    static Mask kidney() {
        boolean[] in = new boolean[GRID.voxelCount()];
        double[] w = new double[3];
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    GRID.indexToWorld(i, j, k, w);
                    double x = w[0] / 55, y = w[1] / 30, z = w[2] / 25;
                    in[GRID.index(i, j, k)] = x * x + y * y + z * z <= 1;
                }
            }
        }
        return Mask.of("kidney", GRID, in);
    }

    /** The kidney at concentration {@code c}, blurred by a Gaussian of 12 mm FWHM (normalised, 17³ voxels). */
    static ImageVolume image(Mask kidney, double c, FftConvolution blur) {
        float[] v = new float[GRID.voxelCount()];
        for (int x = kidney.next(0); x >= 0; x = kidney.next(x + 1)) {
            v[x] = (float) c;
        }
        return ImageVolume.wrap(GRID, VoxelUnit.BQ_PER_ML, blur.convolve(v));
    }

    static FftConvolution blur() {
        int n = 17, h = n / 2;
        double sigma = 12 / (2 * Math.sqrt(2 * Math.log(2))) / MM;
        float[] g = new float[n * n * n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    double r2 = (i - h) * (i - h) + (j - h) * (j - h) + (k - h) * (k - h);
                    g[i + n * (j + n * k)] = (float) Math.exp(-r2 / (2 * sigma * sigma));
                    sum += g[i + n * (j + n * k)];
                }
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= (float) sum;
        }
        return new FftConvolution(GRID.nx(), GRID.ny(), GRID.nz(), g, n, n, n);
    }

    @Test
    void smallVoisRecoverTheConcentrationAndTheDoseOfAUniformKidney() {
        Mask kidney = kidney();
        FftConvolution blur = blur();
        List<Mask> small = new ArrayList<>();
        for (double x : new double[] {-25, -12.5, 0, 12.5, 25}) {
            small.add(SmallVoiKidney.sphere("small " + x, GRID, new double[] {x, 0, 0}, 2));
        }
        // a 7.8 mm sphere on 2 mm voxels: 2 mL up to the voxelisation
        assertThat(small.get(2).volume().inMl()).isCloseTo(2, within(0.3));
        List<SmallVoiKidney.Sample> samples = new ArrayList<>();
        for (double t : HOURS) {
            double truth = C0 * Math.exp(-LAMBDA * t);
            ImageVolume img = image(kidney, truth, blur);
            double[] means = SmallVoiKidney.means(img, small);
            for (double m : means) {
                assertThat(m).isCloseTo(truth, within(0.01 * truth));
            }
            // the whole-kidney VOI loses activity to the blur (partial volume)
            double whole = SmallVoiKidney.means(img, List.of(kidney))[0];
            assertThat(whole / truth).isLessThan(0.92);
            samples.add(new SmallVoiKidney.Sample(Times.ofHours(t), means));
        }
        var settings = SmallVoiKidney.Settings.of(ReferencePhantom.ADULT_MALE, KINETICS);
        SmallVoiKidney.Result r = SmallVoiKidney.dose(samples, settings);
        // OpenDose for the phantom's kidneys (310 g at 1.05 g/mL) filled at C(t): D = Ã·S, Ã = C₀/λ·V
        OrganSValue s = settings.selfS();
        double phantomMl = s.targetMass().inGrams() / 1.05;
        double tiaMBqS = C0 / LAMBDA * 3600 * phantomMl / 1e6;
        double expectedGy = tiaMBqS * s.s().inMGyPerMBqSecond() / 1000;
        assertThat(s.s().inMGyPerMBqSecond()).isCloseTo(7.706e-5, within(1e-9)); // DOMAIN.md §3
        assertThat(r.dose().inGy()).isCloseTo(expectedGy, within(0.01 * expectedGy));
        // the recovery coefficient divides the concentrations, hence the dose
        double corrected = SmallVoiKidney.dose(samples, settings.withRecoveryCoefficient(0.91))
                .dose()
                .inGy();
        assertThat(corrected).isCloseTo(r.dose().inGy() / 0.91, within(1e-9 * corrected));
    }
}

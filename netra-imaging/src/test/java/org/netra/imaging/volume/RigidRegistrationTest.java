package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.netra.testkit.TestData;

class RigidRegistrationTest {
    /** Smooth blobs of different heights and widths: an activity-like image with no symmetry. */
    static ImageVolume phantom() {
        Geometry g = Geometry.of(64, 60, 56, new double[] {2, 2, 2.5}, new double[] {-60, -50, -70});
        float[] v = new float[g.voxelCount()];
        double[][] blobs = {
            {-20, -10, -20, 12, 1000},
            {25, 15, -30, 8, 3000},
            {0, 20, 20, 15, 600},
            {-15, 30, 40, 6, 5000},
            {30, -20, 10, 10, 1500}
        };
        double[] w = new double[3];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    g.indexToWorld(i, j, k, w);
                    double s = 20;
                    for (double[] b : blobs) {
                        double d2 = (w[0] - b[0]) * (w[0] - b[0])
                                + (w[1] - b[1]) * (w[1] - b[1])
                                + (w[2] - b[2]) * (w[2] - b[2]);
                        s += b[4] * Math.exp(-d2 / (2 * b[3] * b[3]));
                    }
                    v[g.index(i, j, k)] = (float) s;
                }
            }
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    /**
     * The pyramid's smoothing keeps a uniform image uniform up to the grid's edges (a normalised convolution's
     * defining property), where a plain blur falls towards zero (there by about half, analytically: half the
     * Gaussian lies outside).
     */
    @Test
    void smoothingKeepsAUniformImageUniformAtTheEdges() {
        Geometry g = Geometry.of(30, 20, 10, new double[] {2, 2, 3}, new double[3]);
        float[] v = new float[g.voxelCount()];
        java.util.Arrays.fill(v, 7f);
        ImageVolume uniform = ImageVolume.wrap(g, VoxelUnit.HU, v);
        for (float x : RigidRegistration.smooth(uniform, 12).voxels()) {
            assertThat((double) x).isCloseTo(7, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat((double) GaussianBlur.blur(uniform, 12).get(0, 10, 5)).isLessThan(7 * 0.6);
    }

    /**
     * The fixed image's blurred pyramid levels are made at their samples only ({@link RigidRegistration#smoothSamples}):
     * the whole smoothed image's floats at those voxels, bit for bit, so the registration is the same.
     */
    @Test
    void smoothedSamplesAreTheSmoothedImageAtTheSamples() {
        ImageVolume phantom = phantom();
        Geometry g = phantom.geometry();
        for (int stride : new int[] {2, 4, 8}) {
            float[] whole = RigidRegistration.smooth(phantom, stride * 2.5).voxels();
            float[] samples = RigidRegistration.smoothSamples(phantom, stride * 2.5, stride);
            int c = 0;
            for (int k = 0; k < g.nz(); k += stride) {
                for (int j = 0; j < g.ny(); j += stride) {
                    for (int i = 0; i < g.nx(); i += stride, c++) {
                        assertThat(samples[c]).isEqualTo(whole[g.index(i, j, k)]);
                    }
                }
            }
            assertThat(samples).hasSize(c);
        }
    }

    /**
     * The coarsest NCC level's block means: each the mean of its eight voxels (summed here in double, independently of
     * the float sum), centred where their centres' mean lies, an odd last voxel dropped and a one-voxel axis kept.
     */
    @Test
    void blockMeansAverageEightVoxelsAboutTheirCentre() {
        var turn = RigidTransform.ofEuler(0.2, -0.1, 0.3, new double[3], 0, 0, 0);
        Geometry g = Geometry.of(7, 6, 5, new double[] {1.5, 2, 2.5}, new double[] {-3, 4, 10}, turn.rotation());
        java.util.Random rnd = new java.util.Random(5);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 100;
        }
        ImageVolume means = RigidRegistration.blockMeans(ImageVolume.wrap(g, VoxelUnit.HU, v));
        Geometry h = means.geometry();
        assertThat(new int[] {h.nx(), h.ny(), h.nz()}).containsExactly(3, 3, 2);
        double[] w = new double[3];
        double[] c = new double[3];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 3; i++) {
                    double sum = 0;
                    double[] centre = new double[3];
                    for (int d = 0; d < 8; d++) {
                        int x = 2 * i + (d & 1), y = 2 * j + ((d >> 1) & 1), z = 2 * k + (d >> 2);
                        sum += v[g.index(x, y, z)];
                        g.indexToWorld(x, y, z, w);
                        for (int a = 0; a < 3; a++) {
                            centre[a] += w[a] / 8;
                        }
                    }
                    assertThat((double) means.get(i, j, k))
                            .isCloseTo(sum / 8, org.assertj.core.api.Assertions.within(1e-4));
                    h.indexToWorld(i, j, k, c);
                    for (int a = 0; a < 3; a++) {
                        assertThat(c[a]).isCloseTo(centre[a], org.assertj.core.api.Assertions.within(1e-9));
                    }
                }
            }
        }
        Geometry slab = Geometry.of(4, 4, 1, new double[] {1, 1, 1}, new double[3]);
        float[] flat = new float[16];
        java.util.Arrays.fill(flat, 3f);
        ImageVolume one = RigidRegistration.blockMeans(ImageVolume.wrap(slab, VoxelUnit.HU, flat));
        assertThat(one.geometry().nz()).isEqualTo(1);
        assertThat(one.voxels()).containsOnly(3f);
    }

    @Test
    void recoversAKnownRotationAndShiftWithinAFractionOfAVoxel() {
        ImageVolume fixed = phantom();
        RigidTransform known = RigidTransform.ofEuler(
                Math.toRadians(4), Math.toRadians(-3), Math.toRadians(5), new double[3], 7.3, -4.1, 5.6);
        // moving(p) = fixed(known(p)), so moving is registered to fixed by known⁻¹
        ImageVolume moving = Resampling.trilinear(fixed, fixed.geometry(), known, 20f);
        RigidRegistration.Result r = RigidRegistration.register(fixed, moving);
        RigidTransform expected = known.inverse();
        double worst = 0;
        double[] a = new double[3];
        double[] b = new double[3];
        for (double[] p : new double[][] {{0, 0, 0}, {40, 0, 0}, {0, 40, 0}, {0, 0, 40}, {-30, 30, -30}}) {
            r.transform().apply(p[0], p[1], p[2], a);
            expected.apply(p[0], p[1], p[2], b);
            worst = Math.max(
                    worst,
                    Math.sqrt((a[0] - b[0]) * (a[0] - b[0])
                            + (a[1] - b[1]) * (a[1] - b[1])
                            + (a[2] - b[2]) * (a[2] - b[2])));
        }
        assertThat(worst)
                .as("largest error over points within 50 mm of the centre, mm")
                .isLessThan(0.5);
        assertThat(r.nmi()).isGreaterThan(r.initialNmi());
        assertThat(r.ncc()).isGreaterThan(0.99);
    }

    @Test
    void registersTheSecondSpectTimePointToTheFirst() throws Exception {
        Path root = TestData.path("dicom/lu177-dotatate-spect");
        ImageVolume fixed =
                SeriesAssembler.assemble(root.resolve("SCAN_001/image")).volume();
        ImageVolume moving =
                SeriesAssembler.assemble(root.resolve("SCAN_002/image")).volume();
        RigidRegistration.Result r = RigidRegistration.register(fixed, moving);
        System.out.println("SCAN_002 → SCAN_001: " + r);
        assertThat(r.nmi()).isGreaterThanOrEqualTo(r.initialNmi());
        assertThat(r.overlap()).isGreaterThan(0.5);
    }

    /**
     * The row-stepped sample positions (sample number × stride through the grids' affine map) must be where the
     * transform and the moving grid's own world-to-index conversion put each fixed sample, on oblique grids with
     * different spacings and origins.
     */
    @Test
    void steppedSamplePositionsMatchTheTransformAndTheGrids() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        Geometry fixed = Geometry.of(20, 18, 16, new double[] {2, 2.5, 3}, new double[] {-40, 10, -25}, new double[] {
            c, -s, 0, s, c, 0, 0, 0, 1
        });
        Geometry moving =
                Geometry.of(30, 25, 20, new double[] {1.7, 1.9, 2.2}, new double[] {-35, -20, -30}, new double[] {
                    1, 0, 0, 0, 0, 1, 0, -1, 0
                });
        RigidTransform t = RigidTransform.ofEuler(0.05, -0.08, 0.11, new double[] {3, -4, 5}, 2.5, -1.5, 4);
        int stride = 3;
        Resampling.Affine m = Resampling.Affine.between(fixed, moving, t);
        double[] w = new double[3], q = new double[3], expected = new double[3];
        double worst = 0;
        for (int k = 0; k * stride < fixed.nz(); k++) {
            for (int j = 0; j * stride < fixed.ny(); j++) {
                for (int i = 0; i * stride < fixed.nx(); i++) {
                    fixed.indexToWorld(i * stride, j * stride, k * stride, w);
                    t.apply(w[0], w[1], w[2], q);
                    moving.worldToIndex(q[0], q[1], q[2], expected);
                    for (int a = 0; a < 3; a++) {
                        double got =
                                m.b()[a] + stride * (m.m()[3 * a] * i + m.m()[3 * a + 1] * j + m.m()[3 * a + 2] * k);
                        worst = Math.max(worst, Math.abs(got - expected[a]));
                    }
                }
            }
        }
        assertThat(worst).as("largest difference in moving-grid index").isLessThan(1e-9);
    }
    /**
     * The NCC's analytic gradient (the interpolant's gradient times each sample's position derivative, summed) against
     * central differences of the NCC itself, computed by the plain sampling loop, at a pose away from the optimum.
     * The fixed samples lie on a grid of other spacing 15–20 mm inside the moving image's, so none leaves it under
     * the small steps (a sample crossing the edge would make the NCC jump, not vary smoothly); what remains
     * is samples crossing interpolation cells, where the trilinear interpolant's gradient jumps: a few per mille.
     */
    @Test
    void analyticNccGradientMatchesCentralDifferences() {
        ImageVolume moving = RigidRegistration.smooth(phantom(), 8);
        Geometry inner = Geometry.of(37, 33, 30, new double[] {2.3, 2.4, 2.9}, new double[] {-42, -32, -52});
        RigidTransform known = RigidTransform.ofEuler(0.04, -0.03, 0.05, new double[3], 3.1, -2.2, 1.7);
        ImageVolume fixed = Resampling.trilinear(moving, inner, known, 0f);
        RigidRegistration.Samples samples = RigidRegistration.Samples.of(fixed, 1, 1);
        double[] centre = RigidRegistration.centreOfActivity(fixed);
        double[] p = {0.01, 0.02, -0.015, 1.0, 0.5, -0.7};
        assertThat(samples.nccSystem(moving, p, centre).overlap()).isEqualTo(1.0);
        double[] analytic = samples.nccSystem(moving, p, centre).gradient();
        for (int a = 0; a < 6; a++) {
            double h = a < 3 ? 2e-4 : 0.02;
            double[] up = p.clone();
            double[] down = p.clone();
            up[a] += h;
            down[a] -= h;
            double numeric = (samples.ncc(moving, RigidRegistration.transform(up, centre))[0]
                            - samples.ncc(moving, RigidRegistration.transform(down, centre))[0])
                    / (2 * h);
            assertThat(Math.abs(numeric))
                    .as("the pose is off the optimum along p[%d]", a)
                    .isGreaterThan(1e-3);
            assertThat(analytic[a])
                    .as("dNCC/dp[%d]", a)
                    .isCloseTo(numeric, org.assertj.core.api.Assertions.within(0.005 * Math.abs(numeric)));
        }
    }

    /** NCC registration (a Levenberg–Marquardt refinement on the finer levels) finds a known motion. */
    @Test
    void nccRegistrationRecoversAKnownRotationAndShift() {
        ImageVolume fixed = phantom();
        RigidTransform known = RigidTransform.ofEuler(
                Math.toRadians(3), Math.toRadians(-2), Math.toRadians(4), new double[3], 6.2, -3.5, 4.4);
        ImageVolume moving = Resampling.trilinear(fixed, fixed.geometry(), known, 20f);
        RigidRegistration.Result r = RigidRegistration.register(fixed, moving, RigidRegistration.Metric.NCC);
        RigidTransform expected = known.inverse();
        double worst = 0;
        double[] a = new double[3];
        double[] b = new double[3];
        for (double[] q : new double[][] {{0, 0, 0}, {40, 0, 0}, {0, 40, 0}, {0, 0, 40}, {-30, 30, -30}}) {
            r.transform().apply(q[0], q[1], q[2], a);
            expected.apply(q[0], q[1], q[2], b);
            worst = Math.max(
                    worst,
                    Math.sqrt((a[0] - b[0]) * (a[0] - b[0])
                            + (a[1] - b[1]) * (a[1] - b[1])
                            + (a[2] - b[2]) * (a[2] - b[2])));
        }
        System.out.println("NCC phantom: " + r + "; worst error " + worst + " mm");
        assertThat(worst)
                .as("largest error over points within 50 mm of the centre, mm")
                .isLessThan(0.2);
        assertThat(r.ncc()).isGreaterThan(0.999);
    }
}

package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Resampling;
import org.netra.imaging.volume.RigidTransform;
import org.netra.imaging.volume.SeriesAssembler;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.testkit.TestData;

class AlignmentTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 5, 12, 0);

    /** Three Gaussian blobs (liver, kidney, tumour-like), their pattern centred at {@code shift} mm. */
    static ImageVolume blobs(Geometry g, double[] shift) {
        double[][] centres = {{-40, 10, 0}, {35, -25, 20}, {10, 40, -30}};
        double[] sigma = {25, 10, 6};
        double[] peak = {1e5, 3e5, 8e5};
        float[] v = new float[g.voxelCount()];
        double[] w = new double[3];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    g.indexToWorld(i, j, k, w);
                    double s = 0;
                    for (int b = 0; b < 3; b++) {
                        double dx = w[0] - shift[0] - centres[b][0];
                        double dy = w[1] - shift[1] - centres[b][1];
                        double dz = w[2] - shift[2] - centres[b][2];
                        s += peak[b] * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma[b] * sigma[b]));
                    }
                    v[g.index(i, j, k)] = (float) s;
                }
            }
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    /** Halving keeps world positions: the centre of activity and the mean stay put. */
    @Test
    void halvingKeepsTheWorld() {
        Geometry g = Geometry.of(64, 60, 40, new double[] {2, 2, 3}, new double[] {-63, -59, -60});
        ImageVolume v = blobs(g, new double[] {3, -2, 5});
        ImageVolume h = Alignment.halve(v);
        assertThat(h.geometry().nx()).isEqualTo(32);
        assertThat(h.geometry().nz()).isEqualTo(20);
        assertThat(h.geometry().spacing()).containsExactly(4, 4, 6);
        double[] a = centre(v), b = centre(h);
        for (int i = 0; i < 3; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(0.05));
        }
    }

    /** Each voxel of a halved grid is the mean of its 2×2×2 block, read voxel by voxel; odd sizes drop the last. */
    @Test
    void halvingAveragesEachBlock() {
        Geometry g = Geometry.of(7, 6, 5, new double[] {1, 2, 3}, new double[3]);
        float[] x = new float[g.voxelCount()];
        java.util.Random random = new java.util.Random(3);
        for (int v = 0; v < x.length; v++) {
            x[v] = random.nextFloat() * 100;
        }
        ImageVolume v = ImageVolume.wrap(g, VoxelUnit.HU, x);
        ImageVolume h = Alignment.halve(v);
        assertThat(new int[] {h.geometry().nx(), h.geometry().ny(), h.geometry().nz()})
                .containsExactly(3, 3, 2);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 3; i++) {
                    double sum = 0;
                    for (int c = 0; c < 2; c++) {
                        for (int b = 0; b < 2; b++) {
                            for (int a = 0; a < 2; a++) {
                                sum += v.get(2 * i + a, 2 * j + b, 2 * k + c);
                            }
                        }
                    }
                    assertThat((double) h.get(i, j, k)).isCloseTo(sum / 8, within(1e-4));
                }
            }
        }
    }

    /** A scan displaced by (4.3, −7.1, 12.6) mm is found within 0.5 mm, through the coarse registration images. */
    @Test
    void rigidRegistrationFindsAShift() {
        Geometry g = Geometry.of(160, 160, 100, new double[] {2, 2, 2}, new double[] {-159, -159, -99});
        assertThat(g.voxelCount()).isGreaterThan(Alignment.REGISTRATION_MAX_VOXELS);
        var first = new TimePointImage("first", blobs(g, new double[] {0, 0, 0}), T0);
        double[] shift = {4.3, -7.1, 12.6};
        var later = new TimePointImage("later", blobs(g, shift), T0.plusDays(1));
        var aligned = Alignment.align(List.of(later, first), Alignment.Mode.RIGID);
        var r = aligned.registrations().get(1).orElseThrow();
        // fixed → moving: a point of the first scan is at +shift in the later one
        double[] p = r.parameters();
        assertThat(Math.toDegrees(Math.abs(p[0])) + Math.toDegrees(Math.abs(p[1])) + Math.toDegrees(Math.abs(p[2])))
                .isLessThan(0.5);
        double[] q = new double[3];
        r.transform().apply(0, 0, 0, q);
        for (int i = 0; i < 3; i++) {
            assertThat(q[i]).isCloseTo(shift[i], within(0.5));
        }
        assertThat(aligned.timePoints().get(1).activity().geometry()).isEqualTo(g);
    }

    /** CT alignment refuses a time point without its CT, naming it, and a CT list of the wrong length. */
    @Test
    void ctAlignmentNeedsEachTimePointsCt() {
        Geometry g = Geometry.of(20, 20, 20, new double[] {4, 4, 4}, new double[] {-38, -38, -38});
        var first = new TimePointImage("scan-4h", blobs(g, new double[3]), T0);
        var later = new TimePointImage("scan-96h", blobs(g, new double[3]), T0.plusDays(4));
        ImageVolume ct = ImageVolume.wrap(g, VoxelUnit.HU, new float[g.voxelCount()]);
        assertThatThrownBy(() -> Alignment.alignByCt(List.of(first, later), java.util.Arrays.asList(ct, null)))
                .isInstanceOf(MissingCtException.class)
                .hasMessageContaining("scan-96h")
                .hasMessageContaining("no CT");
        assertThatThrownBy(() -> Alignment.alignByCt(List.of(first, later), List.of(ct)))
                .isInstanceOf(MissingCtException.class)
                .hasMessageContaining("1 CT(s) for 2 time point(s)");
        assertThatThrownBy(() -> Alignment.align(List.of(first, later), Alignment.Mode.CT))
                .isInstanceOf(MissingCtException.class);
        // a CT that is not in HU is not taken for one
        assertThatThrownBy(() -> Alignment.alignByCt(List.of(first, later), List.of(ct, later.activity())))
                .hasMessageContaining("scan-96h");
    }

    /**
     * A real CT (the FDG patient's thigh, 202×198×59 at 0.98×0.98×3.27 mm, with its noise) moved by a known
     * rigid motion of 5 mm and about 1° per axis, as a second SPECT/CT session would be: the CT alignment gives
     * that motion back within 1 mm over the image and 0.5°. The truth is the motion chosen here.
     */
    @Test
    void ctAlignmentRecoversAKnownMotionOfARealCt() throws Exception {
        ImageVolume ct = SeriesAssembler.assemble(TestData.path("dicom/fdg-pet-sts001/ct/image"), Optional.empty())
                .volume();
        Geometry g = ct.geometry();
        double[] centre = new double[3];
        g.indexToWorld((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0, centre);
        RigidTransform motion = RigidTransform.ofEuler(
                Math.toRadians(0.8), Math.toRadians(-1.0), Math.toRadians(0.6), centre, 3.0, -2.5, 3.2);
        // the later session's CT: at each position p it shows the patient at motion⁻¹(p), air where it left
        ImageVolume moved = Resampling.trilinear(ct, g, motion.inverse(), -1000f);
        Geometry spectGrid = Geometry.of(50, 50, 40, new double[] {4, 4, 4}, new double[] {-100, -100, -80});
        var first = new TimePointImage("4 h", blobs(spectGrid, new double[3]), T0);
        var later = new TimePointImage("96 h", blobs(spectGrid, new double[3]), T0.plusDays(4));
        var aligned = Alignment.alignByCt(List.of(later, first), List.of(moved, ct));
        RigidTransform found = aligned.registrations().get(1).orElseThrow().transform();
        double worst = 0;
        double[] w = new double[3], a = new double[3], b = new double[3];
        for (int k = 0; k < g.nz(); k += 4) {
            for (int j = 0; j < g.ny(); j += 8) {
                for (int i = 0; i < g.nx(); i += 8) {
                    g.indexToWorld(i, j, k, w);
                    found.apply(w[0], w[1], w[2], a);
                    motion.apply(w[0], w[1], w[2], b);
                    worst = Math.max(worst, Math.hypot(Math.hypot(a[0] - b[0], a[1] - b[1]), a[2] - b[2]));
                }
            }
        }
        assertThat(worst).as("%s vs %s", found, motion).isLessThan(1.0);
        double trace = 0;
        for (int i = 0; i < 9; i++) {
            trace += found.rotation()[i] * motion.rotation()[i];
        }
        assertThat(Math.toDegrees(Math.acos(Math.min(1, (trace - 1) / 2)))).isLessThan(0.5);
    }

    static double[] centre(ImageVolume v) {
        Geometry g = v.geometry();
        double[] s = new double[3], w = new double[3];
        double t = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double a = v.get(i, j, k);
                    g.indexToWorld(i, j, k, w);
                    for (int d = 0; d < 3; d++) {
                        s[d] += a * w[d];
                    }
                    t += a;
                }
            }
        }
        return new double[] {s[0] / t, s[1] / t, s[2] / t};
    }
    /**
     * A CT above the registration's size is shifted (+1000 HU, clipped at 0) within its first block average rather
     * than as a full-size copy first: the same floats summed in the same order, so the same image bit for bit as
     * the copy-then-average-then-blur it replaced.
     */
    @Test
    void attenuationOfALargeCtEqualsShiftingACopyFirst() {
        Geometry g = Geometry.of(130, 128, 121, new double[] {1.5, 1.5, 2}, new double[] {-90, -95, -120});
        float[] hu = new float[g.voxelCount()];
        java.util.Random random = new java.util.Random(7);
        for (int v = 0; v < hu.length; v++) {
            // air, lung, soft tissue and bone, with noise
            hu[v] = (float) (new int[] {-1000, -750, 40, 700}[(v / 997) % 4] + 30 * random.nextGaussian());
        }
        ImageVolume ct = ImageVolume.wrap(g, VoxelUnit.HU, hu);
        assertThat(g.voxelCount()).isGreaterThan(Alignment.REGISTRATION_MAX_VOXELS);
        float[] shifted = new float[hu.length];
        for (int v = 0; v < hu.length; v++) {
            shifted[v] = Math.max(0f, hu[v] + Alignment.AIR_HU_OFFSET);
        }
        ImageVolume expected = org.netra.imaging.volume.GaussianBlur.blur(
                Alignment.coarse(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, shifted)),
                Alignment.CT_SMOOTHING_FWHM_MM);
        ImageVolume got = Alignment.attenuation(ct);
        assertThat(got.geometry()).isEqualTo(expected.geometry());
        assertThat(got.unit()).isEqualTo(VoxelUnit.DIMENSIONLESS);
        assertThat(got.voxels()).containsExactly(expected.voxels());
    }
}

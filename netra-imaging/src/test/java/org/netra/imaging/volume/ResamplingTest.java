package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplingTest {
    private static ImageVolume random(Geometry g, long seed) {
        var rnd = new Random(seed);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 1000;
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    /** f(x, y, z) = 3 + 0.5x − 0.25y + 2z in world mm: trilinear interpolation reproduces it exactly. */
    private static double linear(double x, double y, double z) {
        return 3 + 0.5 * x - 0.25 * y + 2 * z;
    }

    private static ImageVolume linearField(Geometry g) {
        float[] v = new float[g.voxelCount()];
        double[] w = new double[3];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    g.indexToWorld(i, j, k, w);
                    v[g.index(i, j, k)] = (float) linear(w[0], w[1], w[2]);
                }
            }
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    @Test
    void identityResamplingIsExact() {
        Geometry g = GeometryTest.oblique();
        ImageVolume v = random(g, 1);
        ImageVolume r = Resampling.trilinear(v, g);
        assertThat(r.voxels()).containsExactly(v.voxels());
        assertThat(r.unit()).isEqualTo(VoxelUnit.BQ_PER_ML);
    }

    @Test
    void aLinearFieldIsReproducedByTrilinearInterpolation() {
        Geometry source = GeometryTest.oblique();
        // a finer, differently oriented grid well inside the source
        var rot = RigidTransform.ofEuler(0.2, -0.1, 0.3, new double[3], 0, 0, 0);
        double[] centre = new double[3];
        source.indexToWorld(19.5, 14.5, 9.5, centre);
        Geometry target = Geometry.of(
                12,
                10,
                8,
                new double[] {1.1, 1.3, 1.7},
                new double[] {centre[0] - 5, centre[1] - 5, centre[2] - 5},
                rot.rotation());
        ImageVolume r = Resampling.trilinear(linearField(source), target);
        double[] w = new double[3];
        int checked = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    target.indexToWorld(i, j, k, w);
                    // float voxels: ~1e-7 relative of values up to a few hundred
                    assertThat((double) r.get(i, j, k)).isCloseTo(linear(w[0], w[1], w[2]), within(2e-4));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(960);
    }

    @Test
    void aShiftedGeometryShiftsTheSamples() {
        Geometry g = Geometry.of(20, 15, 10, new double[] {2, 2, 3}, new double[] {0, 0, 0});
        ImageVolume v = random(g, 2);
        // target origin 2 voxels along x and 1 slice along z further: target(i,j,k) = source(i+2, j, k+1)
        Geometry shifted = Geometry.of(20, 15, 10, new double[] {2, 2, 3}, new double[] {4, 0, 3});
        ImageVolume r = Resampling.trilinear(v, shifted, RigidTransform.identity(), -1f);
        assertThat(r.get(0, 0, 0)).isEqualTo(v.get(2, 0, 1));
        assertThat(r.get(17, 14, 8)).isEqualTo(v.get(19, 14, 9));
        assertThat(r.get(18, 0, 0)).as("beyond the source grid").isEqualTo(-1f);
        // the same shift expressed as a transform of the target world
        ImageVolume t = Resampling.trilinear(v, g, RigidTransform.translation(4, 0, 3), -1f);
        assertThat(t.voxels()).containsExactly(r.voxels());
    }

    @Test
    void aHalfVoxelShiftAveragesNeighbours() {
        Geometry g = Geometry.of(4, 1, 1, new double[] {2, 2, 2}, new double[3]);
        ImageVolume v = ImageVolume.wrap(g, VoxelUnit.GY, new float[] {0, 10, 20, 40});
        ImageVolume r = Resampling.trilinear(v, g, RigidTransform.translation(1, 0, 0), 0f);
        assertThat(r.voxels()).containsExactly(5f, 15f, 30f, 0f);
    }

    @Test
    void aRotationAboutTheCentreTurnsTheImage() {
        // 90° about z through the grid centre maps voxel (i, j) to (j', i') of a square grid
        Geometry g = Geometry.of(9, 9, 1, new double[] {1, 1, 1}, new double[3]);
        ImageVolume v = random(g, 3);
        var quarter = RigidTransform.ofEuler(0, 0, Math.PI / 2, new double[] {4, 4, 0}, 0, 0, 0);
        ImageVolume r = Resampling.trilinear(v, g, quarter, 0f);
        // target (i, j) at world (i, j) → source (4 − (j − 4), 4 + (i − 4)) = (8 − j, i)
        for (int j = 0; j < 9; j++) {
            for (int i = 0; i < 9; i++) {
                assertThat(r.get(i, j, 0)).isEqualTo(v.get(8 - j, i, 0));
            }
        }
        // the inverse turns it back
        ImageVolume back = Resampling.trilinear(r, g, quarter.inverse(), 0f);
        assertThat(back.voxels()).containsExactly(v.voxels());
    }

    /**
     * A scan-like volume: random activity in an ellipsoid, +0 around it with −0 and isolated specks here and there
     * (what the skipping of zero cells must not skip).
     */
    private static ImageVolume body(Geometry g, long seed) {
        var rnd = new Random(seed);
        float[] v = new float[g.voxelCount()];
        for (int k = 0, o = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++, o++) {
                    double x = (i - g.nx() / 2.0) / (g.nx() * 0.35);
                    double y = (j - g.ny() / 2.0) / (g.ny() * 0.3);
                    double z = (k - g.nz() / 2.0) / (g.nz() * 0.4);
                    if (x * x + y * y + z * z < 1) {
                        v[o] = 1 + rnd.nextFloat() * 1000;
                    } else if (rnd.nextInt(200) == 0) {
                        v[o] = rnd.nextFloat() * 50;
                    } else if (rnd.nextInt(50) == 0) {
                        v[o] = -0f;
                    }
                }
            }
        }
        return ImageVolume.wrap(g, VoxelUnit.BQ_PER_ML, v);
    }

    /**
     * The trilinear resampling as it was before rows were split into runs (each voxel tested for being inside and
     * snapped, every inside voxel interpolated): the same map, the same snapping, the same sums, so the runs and the
     * skipped zero cells must give the same floats bit for bit.
     */
    private static float[] voxelByVoxel(ImageVolume source, Geometry target, RigidTransform transform, float outside) {
        Resampling.Affine a = Resampling.Affine.between(target, source.geometry(), transform);
        Geometry sg = source.geometry();
        int sx = sg.nx(), sy = sg.ny(), sz = sg.nz();
        int dx = sx > 1 ? 1 : 0, dy = sy > 1 ? sx : 0, dz = sz > 1 ? sx * sy : 0;
        float[] in = source.voxels();
        float[] out = new float[target.voxelCount()];
        double[] m = a.m();
        double snap = 1e-6;
        for (int k = 0, o = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                double x0 = a.row(0, j, k), y0 = a.row(1, j, k), z0 = a.row(2, j, k);
                for (int i = 0; i < target.nx(); i++, o++) {
                    double[] c = {x0 + m[0] * i, y0 + m[3] * i, z0 + m[6] * i};
                    int[] n = {sx, sy, sz};
                    int[] c0 = new int[3];
                    double[] f = new double[3];
                    boolean inside = true;
                    for (int d = 0; d < 3; d++) {
                        inside &= c[d] > -snap && c[d] < n[d] - 1 + snap;
                        double r = Math.rint(c[d]);
                        double s = Math.abs(c[d] - r) < snap ? r : c[d];
                        c0[d] = Math.min((int) s, Math.max(n[d] - 2, 0));
                        f[d] = s - c0[d];
                    }
                    if (!inside) {
                        out[o] = outside;
                        continue;
                    }
                    int b = c0[0] + sx * c0[1] + sx * sy * c0[2];
                    double v000 = in[b], v100 = in[b + dx], v010 = in[b + dy], v110 = in[b + dy + dx];
                    double v001 = in[b + dz], v101 = in[b + dz + dx];
                    double v011 = in[b + dz + dy], v111 = in[b + dz + dy + dx];
                    double c00 = v000 + f[0] * (v100 - v000);
                    double c10 = v010 + f[0] * (v110 - v010);
                    double c01 = v001 + f[0] * (v101 - v001);
                    double c11 = v011 + f[0] * (v111 - v011);
                    double e0 = c00 + f[1] * (c10 - c00);
                    double e1 = c01 + f[1] * (c11 - c01);
                    out[o] = (float) (e0 + f[2] * (e1 - e0));
                }
            }
        }
        return out;
    }

    @Test
    void runsAndSkippedZeroCellsGiveTheVoxelByVoxelFloats() {
        Geometry g = GeometryTest.oblique();
        ImageVolume v = body(g, 7);
        double[] centre = new double[3];
        g.indexToWorld(19.5, 14.5, 9.5, centre);
        var rnd = new Random(11);
        List<RigidTransform> motions = new ArrayList<>(List.of(
                RigidTransform.translation(1.953, 0, 2.5),
                RigidTransform.translation(0.3, -0.7, 1.1),
                RigidTransform.ofEuler(0, 0, Math.PI / 2, centre, 0, 0, 0),
                RigidTransform.ofEuler(Math.PI / 2, 0, 0, centre, 1, 2, 3)));
        for (int t = 0; t < 12; t++) {
            double deg = t < 8 ? 2 : 40;
            motions.add(RigidTransform.ofEuler(
                    Math.toRadians(deg * (rnd.nextDouble() - 0.5)),
                    Math.toRadians(deg * (rnd.nextDouble() - 0.5)),
                    Math.toRadians(deg * (rnd.nextDouble() - 0.5)),
                    centre,
                    10 * (rnd.nextDouble() - 0.5),
                    10 * (rnd.nextDouble() - 0.5),
                    10 * (rnd.nextDouble() - 0.5)));
        }
        // the source's own grid, and a larger, finer and differently turned one reaching beyond it
        var turn = RigidTransform.ofEuler(0.1, -0.2, 0.15, new double[3], 0, 0, 0);
        Geometry wider = Geometry.of(
                50,
                44,
                26,
                new double[] {1.6, 1.5, 2.1},
                new double[] {centre[0] - 40, centre[1] - 33, centre[2] - 27},
                turn.rotation());
        int compared = 0;
        for (Geometry target : List.of(g, wider)) {
            for (RigidTransform motion : motions) {
                for (float outside : new float[] {0f, -1f}) {
                    float[] expected = voxelByVoxel(v, target, motion, outside);
                    float[] got =
                            Resampling.trilinear(v, target, motion, outside).voxels();
                    for (int o = 0; o < expected.length; o++) {
                        if (Float.floatToRawIntBits(got[o]) != Float.floatToRawIntBits(expected[o])) {
                            throw new AssertionError("voxel " + o + " of " + target + " through " + motion + ": "
                                    + got[o] + " instead of " + expected[o]);
                        }
                    }
                    compared += expected.length;
                }
            }
        }
        assertThat(compared).isEqualTo(2 * 16 * (g.voxelCount() + wider.voxelCount()));
    }

    @Test
    void aMovedScanMatchesInterpolationInWorldCoordinates() {
        // an independent path: each target voxel's world position through the transform and the source's
        // world-to-index map, then the eight neighbours' weights, against the resampling's stepped rows
        Geometry g = GeometryTest.oblique();
        ImageVolume v = body(g, 8);
        double[] centre = new double[3];
        g.indexToWorld(19.5, 14.5, 9.5, centre);
        var motion = RigidTransform.ofEuler(0.03, -0.02, 0.05, centre, 2.2, -1.4, 3.1);
        ImageVolume r = Resampling.trilinear(v, g, motion, -1f);
        double[] w = new double[3];
        double[] q = new double[3];
        double[] s = new double[3];
        int inside = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    g.indexToWorld(i, j, k, w);
                    motion.apply(w[0], w[1], w[2], q);
                    g.worldToIndex(q[0], q[1], q[2], s);
                    // away from the grid's faces (within 1e-3 voxel the two paths may disagree on inside)
                    boolean in = s[0] > 1e-3
                            && s[1] > 1e-3
                            && s[2] > 1e-3
                            && s[0] < g.nx() - 1 - 1e-3
                            && s[1] < g.ny() - 1 - 1e-3
                            && s[2] < g.nz() - 1 - 1e-3;
                    boolean out = s[0] < -1e-3
                            || s[1] < -1e-3
                            || s[2] < -1e-3
                            || s[0] > g.nx() - 1 + 1e-3
                            || s[1] > g.ny() - 1 + 1e-3
                            || s[2] > g.nz() - 1 + 1e-3;
                    if (out) {
                        assertThat(r.get(i, j, k)).isEqualTo(-1f);
                    } else if (in) {
                        int i0 = (int) s[0], j0 = (int) s[1], k0 = (int) s[2];
                        double expected = 0;
                        for (int c = 0; c < 8; c++) {
                            int a = c & 1, b = (c >> 1) & 1, d = c >> 2;
                            double weight = (a == 1 ? s[0] - i0 : 1 - (s[0] - i0))
                                    * (b == 1 ? s[1] - j0 : 1 - (s[1] - j0))
                                    * (d == 1 ? s[2] - k0 : 1 - (s[2] - k0));
                            expected += weight * v.get(i0 + a, j0 + b, k0 + d);
                        }
                        assertThat((double) r.get(i, j, k)).isCloseTo(expected, within(1e-3));
                        inside++;
                    }
                }
            }
        }
        assertThat(inside).isGreaterThan(g.voxelCount() / 2);
    }

    @Test
    void masksResampleByNearestNeighbour() {
        Geometry fine = Geometry.of(8, 8, 2, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        boolean[] sel = new boolean[fine.voxelCount()];
        for (int j = 2; j < 6; j++) {
            for (int i = 2; i < 6; i++) {
                sel[fine.index(i, j, 0)] = true;
            }
        }
        Mask m = Mask.of("lesion", fine, sel);
        Geometry coarse = Geometry.of(4, 4, 1, new double[] {2, 2, 1}, new double[] {0.4, 0.4, 0});
        Mask r = Resampling.nearest(m, coarse);
        // coarse voxel (i, j) at (2i + 0.4, 2j + 0.4) → nearest fine voxel (2i, 2j)
        assertThat(r.name()).isEqualTo("lesion");
        assertThat(r.voxelCount()).isEqualTo(4);
        assertThat(r.contains(1, 1, 0)).isTrue();
        assertThat(r.contains(2, 2, 0)).isTrue();
        assertThat(r.contains(3, 3, 0)).isFalse();
        assertThat(Resampling.nearest(m, fine).bits()).isEqualTo(m.bits());
    }

    @Test
    void labelMapsKeepTheirNames() {
        Geometry g = Geometry.of(3, 1, 1, new double[] {1, 1, 1}, new double[3]);
        var labels = LabelMap.wrap(g, new byte[] {0, 1, (byte) 200}, java.util.Map.of(1, "liver", 200, "kidney"));
        var shifted = Resampling.nearest(labels, g, RigidTransform.translation(1, 0, 0));
        assertThat(shifted.label(0)).isEqualTo(1);
        assertThat(shifted.label(1)).isEqualTo(200);
        assertThat(shifted.label(2)).isZero();
        assertThat(shifted.mask("kidney").voxelCount()).isEqualTo(1);
    }
}

package org.netra.dosimetry.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.VoxelUnit;

/**
 * The GTM blurs each region only within its reach, and the largest region of a partition of the grid (the
 * background) not at all (the blur of ones, known in closed form, minus the others'); the matrix must equal the
 * whole-grid computation to float precision (the blur runs in float).
 */
class GeometricTransferMatrixTest {
    /**
     * A body whose organs are regions of their own, in air (the complement), as a cycle's correction makes them: the
     * same matrix as every indicator blurred over the whole grid, to float precision, at PSFs narrower and wider than
     * the organs, with an organ at the body's surface and the outline reaching the grid's edge.
     */
    @Test
    void aBodyFullOfOrgansIsItsOutlinesBlurLessTheOrgans() {
        Geometry g = Geometry.of(48, 40, 36, new double[] {4.42, 4.42, 5.0}, new double[] {-100, -90, -80});
        int n = g.voxelCount();
        boolean[][] organs = new boolean[4][n];
        boolean[] body = new boolean[n];
        boolean[] air = new boolean[n];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int v = g.index(i, j, k);
                    double dx = (i - 24) / 20.0, dy = (j - 20) / 14.0;
                    if (dx * dx + dy * dy > 1 && k != g.nz() - 1) {
                        air[v] = true; // the last slice all body: an outline reaching the grid's edge
                    } else if (Math.pow(i - 16, 2) + Math.pow(j - 18, 2) + Math.pow(k - 12, 2) <= 36) {
                        organs[0][v] = true; // a liver
                    } else if (Math.pow(i - 33, 2) + Math.pow(j - 24, 2) + Math.pow((k - 20) * 2, 2) <= 16) {
                        organs[1][v] = true; // a kidney
                    } else if (j >= 31 && Math.abs(i - 24) < 5 && k < 8) {
                        organs[2][v] = true; // at the body's surface
                    } else if (Math.pow(i - 30, 2) + Math.pow(j - 14, 2) + Math.pow(k - 28, 2) <= 2) {
                        organs[3][v] = true; // a small tumour
                    } else {
                        body[v] = true;
                    }
                }
            }
        }
        List<Mask> regions = List.of(
                Mask.of("liver", g, organs[0]),
                Mask.of("body", g, body),
                Mask.of("kidney", g, organs[1]),
                Mask.of("surface", g, organs[2]),
                Mask.of("tumour", g, organs[3]),
                Mask.of("air", g, air));
        for (double fwhm : new double[] {6, 10, 25}) {
            var gtm = new GeometricTransferMatrix(regions, fwhm);
            double[][] w = wholeGridMatrix(regions, fwhm);
            for (int ii = 0; ii < regions.size(); ii++) {
                for (int jj = 0; jj < regions.size(); jj++) {
                    assertThat(gtm.at(ii, jj))
                            .as("FWHM %s: W[%d][%d]", fwhm, ii, jj)
                            .isCloseTo(w[ii][jj], within(1e-6));
                }
            }
        }
    }

    /** The reference: each indicator blurred over the whole grid, averaged over every region. */
    private static double[][] wholeGridMatrix(List<Mask> regions, double fwhm) {
        Geometry g = regions.get(0).geometry();
        int m = regions.size();
        double[][] w = new double[m][m];
        for (int jj = 0; jj < m; jj++) {
            float[] ind = new float[g.voxelCount()];
            for (int v : regions.get(jj).indices()) {
                ind[v] = 1;
            }
            float[] b = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, ind), fwhm)
                    .voxels();
            for (int ii = 0; ii < m; ii++) {
                double sum = 0;
                for (int v : regions.get(ii).indices()) {
                    sum += b[v];
                }
                w[ii][jj] = sum / regions.get(ii).voxelCount();
            }
        }
        return w;
    }

    @Test
    void blurringWithinEachRegionsReachEqualsBlurringTheWholeGrid() {
        Geometry g = Geometry.of(40, 36, 30, new double[] {4.42, 4.42, 5.0}, new double[] {-80, -70, -60});
        int n = g.voxelCount();
        // a small sphere, a box touching the grid's edge, an ellipsoid, and the rest as background
        boolean[] sphere = new boolean[n];
        boolean[] edge = new boolean[n];
        boolean[] ellipsoid = new boolean[n];
        boolean[] rest = new boolean[n];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int v = g.index(i, j, k);
                    double ds = Math.pow(i - 12, 2) + Math.pow(j - 10, 2) + Math.pow(k - 8, 2);
                    double de = Math.pow((i - 26) / 6.0, 2) + Math.pow((j - 22) / 4.0, 2) + Math.pow((k - 18) / 5.0, 2);
                    if (ds <= 9) {
                        sphere[v] = true;
                    } else if (i < 5 && j > 25) {
                        edge[v] = true;
                    } else if (de <= 1) {
                        ellipsoid[v] = true;
                    } else {
                        rest[v] = true;
                    }
                }
            }
        }
        List<Mask> regions = List.of(
                Mask.of("sphere", g, sphere),
                Mask.of("edge", g, edge),
                Mask.of("ellipsoid", g, ellipsoid),
                Mask.of("background", g, rest));
        double fwhm = 10;
        var gtm = new GeometricTransferMatrix(regions, fwhm);

        int m = regions.size();
        double[][] w = wholeGridMatrix(regions, fwhm);
        double[] truth = {120, 40, 75, 3};
        double[] observed = new double[m];
        List<Double> recoveries = new ArrayList<>();
        for (int ii = 0; ii < m; ii++) {
            for (int jj = 0; jj < m; jj++) {
                observed[ii] += w[ii][jj] * truth[jj];
            }
            recoveries.add(gtm.recovery(ii));
            assertThat(gtm.recovery(ii)).isCloseTo(w[ii][ii], within(1e-6));
            for (int jj = 0; jj < m; jj++) {
                assertThat(gtm.at(ii, jj)).as("W[%d][%d]", ii, jj).isCloseTo(w[ii][jj], within(1e-6));
            }
        }
        double[] corrected = gtm.correct(observed);
        for (int ii = 0; ii < m; ii++) {
            assertThat(corrected[ii]).isCloseTo(truth[ii], within(1e-4 * truth[ii]));
        }
        assertThat(recoveries.get(0))
                .as("a 3-voxel-radius sphere under 10 mm FWHM")
                .isBetween(0.3, 0.8);

        // the same regions with each voxel's region given (as a cycle's correction has it): the same matrix, entry
        // for entry, and labels that do not fit the regions refused
        short[] labels = new short[n];
        for (int r = 0; r < m; r++) {
            for (int v : regions.get(r).indices()) {
                labels[v] = (short) r;
            }
        }
        var labelled = new GeometricTransferMatrix(GeometricTransferMatrix.RegionSet.of(regions, labels), fwhm);
        for (int ii = 0; ii < m; ii++) {
            for (int jj = 0; jj < m; jj++) {
                assertThat(labelled.at(ii, jj)).as("labelled W[%d][%d]", ii, jj).isEqualTo(gtm.at(ii, jj));
            }
        }
        // a row for a mask that is no region (a nested part), against the set by its labels and then two more masks:
        // the same numbers as against the regions and the masks each walked
        boolean[] part = new boolean[n];
        for (int v : regions.get(2).indices()) {
            part[v] = v % g.nx() < 26;
        }
        Mask nested = Mask.of("ellipsoid_part", g, part);
        List<Mask> columns = new ArrayList<>(regions);
        columns.add(nested);
        columns.add(regions.get(0));
        assertThat(GeometricTransferMatrix.row(
                        nested,
                        GeometricTransferMatrix.RegionSet.of(regions, labels),
                        List.of(nested, regions.get(0)),
                        fwhm))
                .containsExactly(GeometricTransferMatrix.row(nested, columns, fwhm));
        short[] wrong = labels.clone();
        int moved = regions.get(0).indices()[0];
        wrong[moved] = 2;
        assertThatThrownBy(() -> GeometricTransferMatrix.RegionSet.of(regions, wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sphere");
        short[] swapped = labels.clone();
        // counts kept, voxels exchanged between the sphere and the ellipsoid
        int other = regions.get(2).indices()[0];
        swapped[moved] = 2;
        swapped[other] = 0;
        assertThatThrownBy(() -> GeometricTransferMatrix.RegionSet.of(regions, swapped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelled region");
        // the labels right, but the largest region (never walked) holding a sphere voxel instead of one of its own:
        // its count still fits
        java.util.BitSet shifted = regions.get(3).bits();
        shifted.set(moved);
        shifted.clear(regions.get(3).next(0));
        List<Mask> overlapping =
                List.of(regions.get(0), regions.get(1), regions.get(2), Mask.of("background", g, shifted));
        assertThatThrownBy(() -> GeometricTransferMatrix.RegionSet.of(overlapping, labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        // a label of no region on a voxel of the largest
        short[] stray = labels.clone();
        stray[regions.get(3).next(0)] = -1;
        assertThatThrownBy(() -> GeometricTransferMatrix.RegionSet.of(regions, stray))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("background");
    }
}

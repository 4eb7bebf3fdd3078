package org.netra.dosimetry.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netra.dosimetry.recovery.GeometricTransferMatrix;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.Mask;

/**
 * A cycle's transfer matrices at eight PSFs (the camera's FWHM and FWHM + 1 mm, each widened for three moved scans):
 * four made exactly, four interpolated in the PSF's variance ({@code PartialVolumeCorrection.matrices}). Each
 * interpolated matrix is held to the exact one made at its own PSF, on a phantom of a body, a liver-sized organ, a
 * kidney and tumours of 1 to 5 voxels' radius (the smallest, whose recovery coefficients move most with the PSF), on
 * the real SPECT's 4.42 mm voxels and on the real-size benchmark's 2.21 mm.
 */
class TransferMatricesByPsfTest {
    /** Each entry of W (a share, 0…1) within this of the exact matrix's. */
    static final double ENTRY_TOLERANCE = 1e-4;
    /** Each recovery coefficient within this share of the exact one (0.1 %). */
    static final double RECOVERY_TOLERANCE = 1e-3;

    static List<Mask> phantom(double mm) {
        // the same anatomy in mm on either grid
        int nx = (int) Math.round(220 / mm), ny = (int) Math.round(180 / mm), nz = (int) Math.round(160 / mm);
        Geometry g = Geometry.of(nx, ny, nz, new double[] {mm, mm, mm}, new double[] {0, 0, 0});
        int n = g.voxelCount();
        String[] names = {"Body", "Liver", "Kidney", "Tumour_r1", "Tumour_r2", "Tumour_r3", "Tumour_r5", "background"};
        boolean[][] in = new boolean[names.length][n];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double x = (i + 0.5) * mm, y = (j + 0.5) * mm, z = (k + 0.5) * mm;
                    int v = g.index(i, j, k);
                    int region = 7;
                    if (sq((x - 110) / 95) + sq((y - 90) / 70) < 1) {
                        region = 0;
                    }
                    if (sq((x - 70) / 40) + sq((y - 80) / 35) + sq((z - 90) / 45) < 1) {
                        region = 1;
                    }
                    if (sq((x - 150) / 18) + sq((y - 110) / 22) + sq((z - 70) / 30) < 1) {
                        region = 2;
                    }
                    double[] radiusVoxels = {1, 2, 3, 5};
                    double[][] centre = {{60, 70, 100}, {150, 60, 110}, {120, 120, 50}, {80, 85, 80}};
                    for (int t = 0; t < 4; t++) {
                        double r = radiusVoxels[t] * mm;
                        if (sq(x - centre[t][0]) + sq(y - centre[t][1]) + sq(z - centre[t][2]) <= r * r) {
                            region = 3 + t;
                        }
                    }
                    in[region][v] = true;
                }
            }
        }
        List<Mask> regions = new ArrayList<>();
        for (int r = 0; r < names.length; r++) {
            regions.add(Mask.of(names[r], g, in[r]));
        }
        return regions;
    }

    static double sq(double a) {
        return a * a;
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.21, 4.42})
    void interpolatedMatricesMatchTheExactOnesAtTheirOwnPsf(double mm) {
        List<Mask> regions = phantom(mm);
        var set = GeometricTransferMatrix.RegionSet.of(regions);
        // three moved scans' added variances as observe() finds them: 2·mean f(1 − f)·h², f the sub-voxel miss
        // (uniform f gives h²/3; the spread covers the twins' and the real-size series')
        List<Double> widenings = List.of(0.0, 0.26 * mm * mm, 0.31 * mm * mm, 0.36 * mm * mm);
        double fwhm = 10;
        Map<Double, GeometricTransferMatrix> made = PartialVolumeCorrection.matrices(set, widenings, fwhm, 1);
        assertThat(made).hasSize(8);
        int n = regions.size();
        double worstEntry = 0;
        double worstRecovery = 0;
        int interpolated = 0;
        for (var e : new TreeMap<>(made).entrySet()) {
            var exact = new GeometricTransferMatrix(set, e.getKey());
            if (exact.at(0, 0) != e.getValue().at(0, 0)) {
                interpolated++;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double d = Math.abs(e.getValue().at(i, j) - exact.at(i, j));
                    worstEntry = Math.max(worstEntry, d);
                    assertThat(d)
                            .as(
                                    "W[%s][%s] at FWHM %.3f mm",
                                    regions.get(i).name(), regions.get(j).name(), e.getKey())
                            .isLessThanOrEqualTo(ENTRY_TOLERANCE);
                }
                double rel = Math.abs(e.getValue().recovery(i) / exact.recovery(i) - 1);
                worstRecovery = Math.max(worstRecovery, rel);
                assertThat(rel)
                        .as("recovery of %s at FWHM %.3f mm", regions.get(i).name(), e.getKey())
                        .isLessThanOrEqualTo(RECOVERY_TOLERANCE);
            }
        }
        // four of the eight are interpolated: the test must see them, or it checks exact against exact
        assertThat(interpolated).isEqualTo(4);
        System.out.printf(
                Locale.ROOT,
                "interpolated GTM at %.2f mm voxels: largest entry error %.2e, largest recovery error %.2e%n",
                mm,
                worstEntry,
                worstRecovery);
    }

    @ParameterizedTest
    @ValueSource(doubles = {4.42})
    void upToFourPsfsAreAllMadeExactly(double mm) {
        var set = GeometricTransferMatrix.RegionSet.of(phantom(mm));
        // no SD part: the camera's FWHM and three widenings
        var made = PartialVolumeCorrection.matrices(set, List.of(0.0, 5.0, 6.0, 7.0), 10, 0);
        assertThat(made).hasSize(4);
        for (var e : made.entrySet()) {
            assertThat(e.getValue().at(3, 3)).isEqualTo(new GeometricTransferMatrix(set, e.getKey()).at(3, 3));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {4.42})
    void noMatrixIsExtrapolated(double mm) {
        var set = GeometricTransferMatrix.RegionSet.of(phantom(mm));
        var nodes = new TreeMap<Double, GeometricTransferMatrix>();
        nodes.put(10.0, new GeometricTransferMatrix(set, 10));
        nodes.put(11.0, new GeometricTransferMatrix(set, 11));
        assertThatThrownBy(() -> GeometricTransferMatrix.interpolatedInVariance(11.5, nodes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11.5");
    }
}

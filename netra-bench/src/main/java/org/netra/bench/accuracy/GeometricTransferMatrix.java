package org.netra.bench.accuracy;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Volume;
import org.netra.imaging.volume.VoxelUnit;
import org.netra.sim.spect.GaussianBlur;

/**
 * Partial-volume correction by the geometric transfer matrix (Rousset, Ma and Evans, J Nucl Med
 * 1998;39:904): for regions that partition the image, w[i][j] is the mean over region i of region j's
 * indicator blurred by the system's point-spread function, so the observed mean concentrations are
 * t = W·c and the true ones c = W⁻¹·t, assuming each region uniform and the PSF Gaussian of known FWHM.
 */
final class GeometricTransferMatrix {
    private final double[][] w;

    GeometricTransferMatrix(List<Mask> regions, double fwhmMm) {
        int n = regions.size();
        w = new double[n][n];
        var g = regions.get(0).geometry();
        for (int j = 0; j < n; j++) {
            float[] indicator = new float[g.voxelCount()];
            Mask mj = regions.get(j);
            for (int v = mj.next(0); v >= 0; v = mj.next(v + 1)) {
                indicator[v] = 1;
            }
            float[] blurred = GaussianBlur.blur(Volume.wrap(g, VoxelUnit.DIMENSIONLESS, indicator), fwhmMm)
                    .voxels();
            for (int i = 0; i < n; i++) {
                Mask mi = regions.get(i);
                double sum = 0;
                for (int v = mi.next(0); v >= 0; v = mi.next(v + 1)) {
                    sum += blurred[v];
                }
                w[i][j] = sum / mi.voxelCount();
            }
        }
    }

    /** The recovery coefficient of region i: the share of its own activity its mean keeps. */
    double recovery(int i) {
        return w[i][i];
    }

    /** True mean concentrations from observed ones (any unit), region order as constructed. */
    double[] correct(double[] observedMeans) {
        var solver = new LUDecomposition(new Array2DRowRealMatrix(w)).getSolver();
        return solver.solve(new ArrayRealVector(observedMeans)).toArray();
    }
}

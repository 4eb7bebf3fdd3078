package org.netra.dosimetry.recovery;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.netra.imaging.volume.GaussianBlur;
import org.netra.imaging.volume.Mask;
import org.netra.imaging.volume.Volume;
import org.netra.imaging.volume.VoxelUnit;

/**
 * Partial-volume correction by the geometric transfer matrix (Rousset, Ma and Evans, J Nucl Med
 * 1998;39:904): for disjoint regions, w[i][j] is the mean over region i of region j's indicator blurred by the
 * system's point-spread function, so the observed mean concentrations are t = W·c and the true ones
 * c = W⁻¹·t, assuming each region uniform and the PSF Gaussian of known FWHM.
 */
public final class GeometricTransferMatrix {
    private final double[][] w;
    private final DecompositionSolver solver;

    /**
     * @param regions disjoint, non-empty, on one grid; include a background region so that activity outside
     *     the VOIs is accounted for
     * @param fwhmMm the system's spatial resolution (FWHM of the Gaussian PSF, mm), measured for the camera
     */
    public GeometricTransferMatrix(List<Mask> regions, double fwhmMm) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("the GTM needs at least one region");
        }
        if (!(fwhmMm >= 0) || Double.isInfinite(fwhmMm)) {
            throw new IllegalArgumentException("the PSF FWHM must be a finite number of mm ≥ 0, not " + fwhmMm);
        }
        int n = regions.size();
        w = new double[n][n];
        var g = regions.get(0).geometry();
        for (int j = 0; j < n; j++) {
            float[] indicator = new float[g.voxelCount()];
            Mask mj = regions.get(j);
            if (!mj.geometry().equals(g) || mj.isEmpty()) {
                throw new IllegalArgumentException("GTM region '" + mj.name() + "' is empty or not on the grid " + g);
            }
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
        solver = new LUDecomposition(new Array2DRowRealMatrix(w, false)).getSolver();
    }

    /** The recovery coefficient of region i: the share of its own activity its mean keeps. */
    public double recovery(int i) {
        return w[i][i];
    }

    /** True mean concentrations from observed ones (any unit), region order as constructed. */
    public double[] correct(double[] observedMeans) {
        return solver.solve(new ArrayRealVector(observedMeans)).toArray();
    }
}

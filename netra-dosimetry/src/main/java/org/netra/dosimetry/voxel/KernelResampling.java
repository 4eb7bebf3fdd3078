package org.netra.dosimetry.voxel;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * A tabulated voxel S-value kernel carried over to another voxel size (e.g. the 1.95 mm of a SPECT
 * reconstruction), preserving the energy it deposits.
 *
 * <p>Method. Away from the source, a voxel S-value is close to the dose point kernel at the voxels'
 * centre distance, whatever the voxel size; so S is a function of distance: the tabulated values
 * (averaged over voxels at equal distance) are interpolated linearly in log S against distance r, at
 * the new grid's centre distances r = √((i·sx)² + (j·sy)² + (k·sz)²), extrapolated log-linearly from
 * the first two distances below the first tabulated one, and zero beyond the last. The kernel is made
 * large enough to reach as far as the tabulated one. The self-dose is where the voxel size matters
 * most (the fraction of energy absorbed in the source voxel), so the source voxel is not interpolated:
 * it receives the tabulated kernel's total deposited energy (Σ S·V, i.e. its absorbed energy per unit
 * density) minus what the new neighbours receive, S₀' = (Σ S·V − Σ_{n≠0} S'(n)·V')/V'. Energy is thus
 * conserved exactly. Its error against tabulated kernels is measured in KernelResamplingTest and
 * docs/data.md.
 */
public final class KernelResampling {
    private KernelResampling() {}

    public static DoseKernel resample(DoseKernel tab, double sx, double sy, double sz) {
        for (double s : new double[] {sx, sy, sz}) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException(
                        "voxel spacing must be positive, got " + sx + ", " + sy + ", " + sz + " mm");
            }
        }
        // distance → mean S of the tabulated voxels at that distance (source voxel excluded)
        var byDistance = new TreeMap<Double, double[]>();
        int tx = tab.sizeX() / 2, ty = tab.sizeY() / 2, tz = tab.sizeZ() / 2;
        double tabEnergy = 0; // Σ S·V in Gy·mL/(Bq·s)
        for (int k = -tz; k <= tz; k++) {
            for (int j = -ty; j <= ty; j++) {
                for (int i = -tx; i <= tx; i++) {
                    double s = tab.at(i, j, k);
                    tabEnergy += s * tab.voxelMl();
                    if (i == 0 && j == 0 && k == 0) {
                        continue;
                    }
                    double r = Math.sqrt(sq(i * tab.spacing(0)) + sq(j * tab.spacing(1)) + sq(k * tab.spacing(2)));
                    // voxels at equal distance: key rounded to 1e-9 mm
                    byDistance.merge(Math.rint(r * 1e9) / 1e9, new double[] {s, 1}, (a, b) ->
                            new double[] {a[0] + b[0], a[1] + b[1]});
                }
            }
        }
        double[] radius = new double[byDistance.size()];
        double[] logS = new double[byDistance.size()];
        int n = 0;
        for (var e : byDistance.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (!(mean > 0)) {
                throw new IllegalArgumentException(tab + " has a non-positive S-value at " + e.getKey()
                        + " mm; it cannot be interpolated in log S");
            }
            radius[n] = e.getKey();
            logS[n++] = Math.log(mean);
        }
        double reach = radius[n - 1];
        int rx = (int) Math.floor(reach / sx + 1e-9), ry = (int) Math.floor(reach / sy + 1e-9);
        int rz = (int) Math.floor(reach / sz + 1e-9);
        int nx = 2 * rx + 1, ny = 2 * ry + 1, nzz = 2 * rz + 1;
        float[] v = new float[nx * ny * nzz];
        double volume = sx * sy * sz / 1000;
        double neighbours = 0;
        for (int k = -rz; k <= rz; k++) {
            for (int j = -ry; j <= ry; j++) {
                for (int i = -rx; i <= rx; i++) {
                    if (i == 0 && j == 0 && k == 0) {
                        continue;
                    }
                    double r = Math.sqrt(sq(i * sx) + sq(j * sy) + sq(k * sz));
                    double s = interpolate(radius, logS, r);
                    v[(i + rx) + nx * ((j + ry) + ny * (k + rz))] = (float) s;
                    neighbours += (float) s * volume;
                }
            }
        }
        double self = (tabEnergy - neighbours) / volume;
        if (!(self > 0)) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "%s cannot be resampled to %.3f×%.3f×%.3f mm: its neighbours would take more energy than the"
                            + " kernel holds; use a tabulated size closer to the voxel",
                    tab,
                    sx,
                    sy,
                    sz));
        }
        v[rx + nx * (ry + ny * rz)] = (float) self;
        return new DoseKernel(tab.nuclide(), tab.medium(), new double[] {sx, sy, sz}, rx, ry, rz, v);
    }

    /** Log-linear interpolation of S at distance r; 0 beyond the last tabulated distance. */
    private static double interpolate(double[] radius, double[] logS, double r) {
        int n = radius.length;
        if (r > radius[n - 1] + 1e-9) {
            return 0;
        }
        int hi = Arrays.binarySearch(radius, r);
        if (hi >= 0) {
            return Math.exp(logS[hi]);
        }
        hi = -hi - 1;
        if (hi == 0) {
            hi = 1; // extrapolate from the first two distances
        }
        if (hi >= n) {
            hi = n - 1;
        }
        int lo = hi - 1;
        double f = (r - radius[lo]) / (radius[hi] - radius[lo]);
        return Math.exp(logS[lo] + f * (logS[hi] - logS[lo]));
    }

    private static double sq(double x) {
        return x * x;
    }
}

package org.netra.dosimetry.cycle;

import java.util.stream.IntStream;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.voxel.SimdGate;

/**
 * Time-integrated activity voxel by voxel, over whole maps at once (plain loops over float arrays, in
 * parallel chunks; no per-voxel objects or iterative optimiser, so a 13-million-voxel map takes well under a
 * second; with the Vector API under C2 the rules for 2 or more points run a SIMD vector of voxels at a time,
 * {@link VectorKinetics}, to a float ulp of these loops). The rules follow
 * {@link org.netra.dosimetry.kinetics.Kinetics} for a region, with a closed-form fit:
 *
 * <ul>
 *   <li><b>1 time point</b>: the single-time-point method (Hänscheid or Madsen), voxel by voxel.
 *   <li><b>2 or more</b>: a mono-exponential A·e^(−λt) fitted by least squares to ln(activity) over the points
 *       from the voxel's peak to the last (uniform weights in the logarithm = relative weighting in activity).
 *       It is used when at least two points follow the peak, all positive, and λ exceeds the physical decay
 *       constant: integrated from injection (A/λ) when the peak is the first point (uptake before the first
 *       scan taken as instantaneous, as for a region), else trapezoids from (0, 0) to the peak and the fitted
 *       curve from the peak on.
 *   <li><b>Fall-back</b> (the fit fails: the last point is the peak, so the curve is still rising; a point
 *       after the peak is ≤ 0; or λ is not above physical decay): trapezoids from (0, 0) through every point,
 *       then physical decay from the last. Linear in the activities, so over a region where every voxel falls
 *       back the voxels' sum equals the region's trapezoid exactly.
 * </ul>
 */
public final class VoxelKinetics {
    private static final int CHUNK = 1 << 15;

    /** How many voxels each rule handled. */
    public record Counts(long fitted, long fallBack, long singlePoint, long zero) {
        public long total() {
            return fitted + fallBack + singlePoint + zero;
        }
    }

    /** The per-voxel integral, in the input's unit × hours, and the rule counts. */
    public record Result(float[] tia, Counts counts) {}

    private VoxelKinetics() {}

    /**
     * @param values per time point, one value per voxel (activity or concentration; never modified)
     * @param hours each time point's time after injection, ascending
     * @param physicalRatePerHour ln 2 / T½ of the nuclide
     * @param singlePoint the method when there is one time point
     */
    public static Result integrate(
            float[][] values, double[] hours, double physicalRatePerHour, SinglePointMethod singlePoint) {
        return integrate(values, hours, physicalRatePerHour, singlePoint, SimdGate.OPEN);
    }

    /**
     * As {@link #integrate(float[][], double[], double, SinglePointMethod)}, with the rules for 2 or more time points
     * run {@link VectorKinetics} a vector of voxels at a time when {@code simd} (and {@link SimdGate#OPEN}), else
     * voxel by voxel: tests compare the two.
     */
    static Result integrate(
            float[][] values, double[] hours, double physicalRatePerHour, SinglePointMethod singlePoint, boolean simd) {
        int n = hours.length;
        if (values.length != n || n == 0) {
            throw new IllegalArgumentException(values.length + " maps for " + n + " time points");
        }
        for (int i = 1; i < n; i++) {
            if (!(hours[i] > hours[i - 1])) {
                throw new IllegalArgumentException(
                        "time points must be ascending and distinct, got " + java.util.Arrays.toString(hours));
            }
        }
        int voxels = values[0].length;
        for (float[] v : values) {
            if (v.length != voxels) {
                throw new IllegalArgumentException("time-point maps differ in size: resample them onto one grid");
            }
        }
        float[] out = new float[voxels];
        int chunks = (voxels + CHUNK - 1) / CHUNK;
        long[][] counts = new long[chunks][4];
        PeakFits fits = n > 1 ? PeakFits.of(hours, physicalRatePerHour) : null;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK, to = Math.min(voxels, from + CHUNK);
            if (n == 1) {
                singlePoints(values[0], hours[0], singlePoint, out, from, to, counts[c]);
            } else {
                int rest = simd && SimdGate.OPEN
                        ? VectorKinetics.multiPoint(values, physicalRatePerHour, fits, out, from, to, counts[c])
                        : from;
                multiPoint(values, physicalRatePerHour, fits, out, rest, to, counts[c]);
            }
        });
        long[] sum = new long[4];
        for (long[] c : counts) {
            for (int k = 0; k < 4; k++) {
                sum[k] += c[k];
            }
        }
        return new Result(out, new Counts(sum[0], sum[1], sum[2], sum[3]));
    }

    private static void singlePoints(
            float[] a, double hours, SinglePointMethod method, float[] out, int from, int to, long[] counts) {
        double factor = method.tiaMBqHours(hours, 1); // linear in the activity
        for (int v = from; v < to; v++) {
            if (a[v] == 0) {
                counts[3]++;
                continue;
            }
            out[v] = (float) (a[v] * factor);
            counts[2]++;
        }
    }

    /**
     * The fits' constants for each possible peak, folded once per map: with the peak at p and m = n − p points
     * from it, the least-squares slope of ln(activity) on time is Σ slopeᵢ·ln yᵢ and the fitted log-activity at
     * the anchor (injection when p = 0, else the peak's time) is Σ anchorᵢ·ln yᵢ, both linear in the logarithms
     * with weights that depend on the times only; the trapezoids up to the peak are Σ areaᵢ·yᵢ. So a voxel costs
     * its logarithms, two dot products and one exponential, and no division but the 1/λ.
     */
    record PeakFits(double[][] slope, double[][] anchor, double[][] area, double[] fallBack) {
        static PeakFits of(double[] t, double physical) {
            int n = t.length;
            double[][] slope = new double[n][], anchor = new double[n][], area = new double[n][];
            for (int p = 0; p + 1 < n; p++) {
                int m = n - p;
                double st = 0, stt = 0;
                for (int i = p; i < n; i++) {
                    st += t[i];
                    stt += t[i] * t[i];
                }
                double denominator = m * stt - st * st;
                double mean = st / m;
                double at = p == 0 ? 0 : t[p];
                slope[p] = new double[n];
                anchor[p] = new double[n];
                for (int i = p; i < n; i++) {
                    slope[p][i] = (m * t[i] - st) / denominator;
                    // ln A(at) = mean(ln y) + slope·(at − mean t)
                    anchor[p][i] = 1.0 / m + slope[p][i] * (at - mean);
                }
                area[p] = new double[n];
                if (p > 0) {
                    area[p][0] = t[0] / 2;
                    for (int i = 1; i <= p; i++) {
                        double half = (t[i] - t[i - 1]) / 2;
                        area[p][i - 1] += half;
                        area[p][i] += half;
                    }
                }
            }
            return new PeakFits(slope, anchor, area, Kinetics.trapezoidWeights(t, physical));
        }
    }

    private static void multiPoint(
            float[][] a, double physical, PeakFits fits, float[] out, int from, int to, long[] counts) {
        int n = a.length;
        double[] w = fits.fallBack();
        double[] y = new double[n];
        long fitted = 0, fallBack = 0, zero = 0;
        for (int v = from; v < to; v++) {
            int peak = 0;
            boolean any = false;
            for (int i = 0; i < n; i++) {
                y[i] = a[i][v];
                any |= y[i] != 0;
                if (y[i] > y[peak]) {
                    peak = i;
                }
            }
            if (!any) {
                zero++;
                continue;
            }
            double tia = peak + 1 < n ? fitFromPeak(y, peak, physical, fits) : Double.NaN;
            if (tia == tia) { // not NaN: the fit is admissible
                fitted++;
            } else {
                tia = 0;
                for (int i = 0; i < n; i++) {
                    tia += w[i] * y[i];
                }
                fallBack++;
            }
            out[v] = (float) tia;
        }
        counts[0] += fitted;
        counts[1] += fallBack;
        counts[3] += zero;
    }

    /**
     * The integral with a log-linear mono-exponential from the peak (at least two points after it), or NaN where
     * that fit is not admissible (a point from the peak on is ≤ 0, or λ is not above physical decay); the caller
     * then falls back to trapezoids.
     */
    private static double fitFromPeak(double[] y, int peak, double physical, PeakFits fits) {
        double[] slopeWeights = fits.slope()[peak], anchorWeights = fits.anchor()[peak];
        double slope = 0, anchor = 0;
        for (int i = peak; i < y.length; i++) {
            if (!(y[i] > 0)) {
                return Double.NaN;
            }
            double l = Math.log(y[i]);
            slope += slopeWeights[i] * l;
            anchor += anchorWeights[i] * l;
        }
        double lambda = -slope;
        if (!(lambda > physical)) {
            return Double.NaN;
        }
        double area = 0;
        double[] areaWeights = fits.area()[peak];
        for (int i = 0; i < peak; i++) {
            area += areaWeights[i] * y[i];
        }
        return area + areaWeights[peak] * y[peak] + Math.exp(anchor) / lambda;
    }
}

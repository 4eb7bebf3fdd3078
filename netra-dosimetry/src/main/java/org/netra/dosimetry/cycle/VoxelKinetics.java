package org.netra.dosimetry.cycle;

import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.netra.dosimetry.kinetics.Kinetics;
import org.netra.dosimetry.kinetics.SinglePointMethod;

/**
 * Time-integrated activity voxel by voxel, over whole maps at once (plain loops over float arrays, in
 * parallel chunks; no per-voxel objects or iterative optimiser, so a 13-million-voxel map takes well under a
 * second). The rules follow {@link org.netra.dosimetry.kinetics.Kinetics} for a region, with a closed-form fit:
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
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK, to = Math.min(voxels, from + CHUNK);
            if (n == 1) {
                singlePoints(values[0], hours[0], singlePoint, out, from, to, counts[c]);
            } else {
                multiPoint(values, hours, physicalRatePerHour, out, from, to, counts[c]);
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

    private static void multiPoint(
            float[][] a, double[] t, double physical, float[] out, int from, int to, long[] counts) {
        int n = t.length;
        double[] w = Kinetics.trapezoidWeights(t, physical);
        double[] y = new double[n];
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
                counts[3]++;
                continue;
            }
            OptionalDouble fitted = fitFromPeak(y, t, peak, physical);
            double tia;
            if (fitted.isPresent()) {
                tia = fitted.getAsDouble();
                counts[0]++;
            } else {
                tia = 0;
                for (int i = 0; i < n; i++) {
                    tia += w[i] * y[i];
                }
                counts[1]++;
            }
            out[v] = (float) tia;
        }
    }

    /**
     * The integral with a log-linear mono-exponential from the peak, or empty where that fit is not admissible
     * (the caller then falls back to trapezoids). Called once per voxel: the empty/present value does not escape,
     * so the JIT keeps it off the heap.
     */
    static OptionalDouble fitFromPeak(double[] y, double[] t, int peak, double physical) {
        int n = t.length;
        int m = n - peak;
        if (m < 2) {
            return OptionalDouble.empty();
        }
        double st = 0, sl = 0, stt = 0, stl = 0;
        for (int i = peak; i < n; i++) {
            if (!(y[i] > 0)) {
                return OptionalDouble.empty();
            }
            double l = Math.log(y[i]);
            st += t[i];
            sl += l;
            stt += t[i] * t[i];
            stl += t[i] * l;
        }
        double slope = (m * stl - st * sl) / (m * stt - st * st);
        double lambda = -slope;
        if (!(lambda > physical)) {
            return OptionalDouble.empty();
        }
        double lnA = (sl - slope * st) / m;
        if (peak == 0) {
            return OptionalDouble.of(Math.exp(lnA) / lambda);
        }
        double area = y[0] * t[0] / 2;
        for (int i = 1; i <= peak; i++) {
            area += (y[i] + y[i - 1]) * (t[i] - t[i - 1]) / 2;
        }
        return OptionalDouble.of(area + Math.exp(lnA - lambda * t[peak]) / lambda);
    }
}

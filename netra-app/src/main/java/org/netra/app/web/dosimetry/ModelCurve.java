package org.netra.app.web.dosimetry;

import java.util.Arrays;
import java.util.TreeSet;
import org.netra.dosimetry.kinetics.KineticModel;
import org.netra.dosimetry.kinetics.SinglePointMethod;
import org.netra.dosimetry.kinetics.Tail;
import org.netra.dosimetry.kinetics.TiaMethod;
import org.netra.dosimetry.kinetics.TiaResult;
import org.netra.physics.quantity.Times;

/**
 * The time–activity curve a VOI's TIA integrates, sampled for drawing: the fitted model (with the physical
 * tail where the rule chose it), or the trapezoids from injection with physical decay after the last point,
 * or for a single point the mono-exponential through it at the effective half-life the method assumed, or for
 * the urinary bladder its rule's curve (before the first scan the mean of its two bounds, whose area is the TIA's).
 *
 * @param hours sample times after injection, ascending, including every measured time
 * @param mBq the curve's activity there
 */
public record ModelCurve(double[] hours, double[] mBq) {
    /** Samples on each side of the last point. */
    static final int SAMPLES = 40;

    /** How far past the last point the tail is drawn, in physical half-lives (the tail's slope shows by then). */
    static final double TAIL_HALF_LIVES = 2;

    public static ModelCurve of(TiaResult tia, double[] measuredHours, double[] measuredMBq, double physicalHalfLifeH) {
        int n = measuredHours.length;
        double last = measuredHours[n - 1];
        double lambda = Math.log(2) / physicalHalfLifeH;
        var times = new TreeSet<Double>();
        for (int i = 0; i <= SAMPLES; i++) {
            times.add(last * i / SAMPLES);
            times.add(last + TAIL_HALF_LIVES * physicalHalfLifeH * i / SAMPLES);
        }
        for (double h : measuredHours) {
            times.add(h);
        }
        double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            a[i] = switch (tia.method()) {
                case TiaMethod.Fit f ->
                    f.tail() == Tail.PHYSICAL_DECAY_FROM_LAST_POINT && t[i] > last
                            ? model(f.model(), last) * Math.exp(-lambda * (t[i] - last))
                            : model(f.model(), t[i]);
                case TiaMethod.TrapezoidWithPhysicalTail p ->
                    t[i] > last
                            ? measuredMBq[n - 1] * Math.exp(-lambda * (t[i] - last))
                            : trapezoid(measuredHours, measuredMBq, t[i]);
                case TiaMethod.UrinaryBladder b -> bladder(b, measuredHours, measuredMBq, lambda, t[i]);
                case TiaMethod.SinglePoint s -> {
                    // Hänscheid's Ã = A·2t/ln 2 is the mono-exponential through the point with T_eff = t
                    double teff =
                            switch (s.method()) {
                                case SinglePointMethod.Haenscheid h -> last;
                                case SinglePointMethod.Madsen m -> Times.hours(m.populationEffectiveHalfLife());
                                // the curve of the prior's typical half-life (the median TIA differs a little)
                                case SinglePointMethod.Population p ->
                                    Times.hours(p.prior().typicalEffectiveHalfLife());
                            };
                    yield measuredMBq[n - 1] * Math.exp(-Math.log(2) / teff * (t[i] - last));
                }
            };
        }
        return new ModelCurve(t, a);
    }

    private static double model(KineticModel m, double hours) {
        return m.valueAt(Times.ofHours(hours)).inMBq();
    }

    /**
     * The urinary bladder's curve: before the first scan the mean of a linear filling and of the first two scans'
     * clearance extrapolated back to injection; between scans exponential where it falls (else linear); after the
     * last scan its tail's rate.
     */
    private static double bladder(TiaMethod.UrinaryBladder b, double[] h, double[] a, double physical, double t) {
        int n = h.length;
        double clearance = Math.log(2) / Times.hours(b.clearanceHalfLife());
        if (t < h[0]) {
            return (a[0] * t / h[0] + a[0] * Math.exp(clearance * (h[0] - t))) / 2;
        }
        if (t > h[n - 1]) {
            double tail = b.afterLastScan().inMBqHours();
            double rate = a[n - 1] > 0 && tail > 0 ? a[n - 1] / tail : physical;
            return Math.max(0, a[n - 1]) * Math.exp(-rate * (t - h[n - 1]));
        }
        int i = Arrays.binarySearch(h, t);
        if (i >= 0) {
            return a[i];
        }
        int hi = -i - 1;
        double y0 = Math.max(0, a[hi - 1]);
        double y1 = Math.max(0, a[hi]);
        double f = (t - h[hi - 1]) / (h[hi] - h[hi - 1]);
        return y0 > 0 && y1 > 0 && y0 > y1 ? y0 * Math.pow(y1 / y0, f) : y0 + (y1 - y0) * f;
    }

    /** Linear from (0, 0) through the measured points. */
    private static double trapezoid(double[] h, double[] a, double t) {
        int i = Arrays.binarySearch(h, t);
        if (i >= 0) {
            return a[i];
        }
        int hi = -i - 1;
        double h0 = hi == 0 ? 0 : h[hi - 1];
        double a0 = hi == 0 ? 0 : a[hi - 1];
        return a0 + (a[hi] - a0) * (t - h0) / (h[hi] - h0);
    }
}

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
 * or for a single point the mono-exponential through it at the effective half-life the method assumed.
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

package org.netra.clinical.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The Kaplan–Meier estimate with Greenwood standard errors, computed the way R's {@code survival::survfit}
 * does (Therneau, survival 3.x) so the two agree to rounding: one row per distinct time (events and
 * censorings), se of the cumulative hazard sqrt(Σ d/(n(n−d))), intervals by {@link ConfidenceType}
 * (upper limit of LOG and PLAIN capped at 1, as R does), and the median and its interval by R's rule
 * (where the curve is flat at exactly ½, the midpoint to the next drop).
 */
public final class KaplanMeier {
    /** One row of the table; {@code lower}/{@code upper} are absent where S = 0 or the se is undefined. */
    public record Row(
            double time,
            int atRisk,
            int events,
            int censored,
            double survival,
            double standardError,
            Optional<Double> lower,
            Optional<Double> upper) {}

    /** The fitted curve of one group. */
    public record Curve(
            String group,
            int subjects,
            int events,
            List<Row> rows,
            Optional<Double> median,
            Optional<Double> medianLower,
            Optional<Double> medianUpper) {
        /**
         * The number still at risk at time {@code t} (followed to t or beyond, event or censoring not before
         * it), as R's {@code summary(fit, times = t, extend = TRUE)$n.risk}: what a plot prints under its axis.
         */
        public int atRisk(double t) {
            for (Row r : rows) {
                if (r.time() >= t) {
                    return r.atRisk();
                }
            }
            return 0;
        }

        /** The times at which subjects were censored (the marks on the curve), each once. */
        public List<Double> censoringTimes() {
            return rows.stream().filter(r -> r.censored() > 0).map(Row::time).toList();
        }
    }

    private static final double MEDIAN_TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private KaplanMeier() {}

    public static Curve fit(List<SurvivalObservation> data, double confidenceLevel, ConfidenceType type) {
        String group = data.isEmpty() ? "" : data.get(0).group();
        return fit(group, data, confidenceLevel, type);
    }

    public static Curve fit(String group, List<SurvivalObservation> data, double confidenceLevel, ConfidenceType type) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("Kaplan–Meier needs at least one observation" + label(group));
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1), got " + confidenceLevel);
        }
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - (1 - confidenceLevel) / 2);
        TreeMap<Double, int[]> byTime = new TreeMap<>(); // time → {events, censored}
        for (SurvivalObservation o : data) {
            int[] c = byTime.computeIfAbsent(o.time(), t -> new int[2]);
            c[o.event() ? 0 : 1]++;
        }
        int atRisk = data.size();
        double s = 1;
        double varSum = 0;
        int totalEvents = 0;
        List<Row> rows = new ArrayList<>();
        for (var e : byTime.entrySet()) {
            int d = e.getValue()[0];
            int c = e.getValue()[1];
            totalEvents += d;
            s *= 1 - (double) d / atRisk;
            varSum = atRisk == d ? Double.POSITIVE_INFINITY : varSum + (double) d / ((double) atRisk * (atRisk - d));
            double se = Math.sqrt(varSum);
            Optional<Double> lower = Optional.empty();
            Optional<Double> upper = Optional.empty();
            if (s > 0 && Double.isFinite(se)) {
                double[] ci = interval(s, se, z, type);
                lower = Optional.of(ci[0]);
                upper = Optional.of(ci[1]);
            }
            rows.add(new Row(e.getKey(), atRisk, d, c, s, se, lower, upper));
            atRisk -= d + c;
        }
        return new Curve(
                group,
                data.size(),
                totalEvents,
                List.copyOf(rows),
                quantileTime(rows, Row::survival),
                // the lower band reaches ½ first: it bounds the median from below
                quantileTime(rows, r -> r.lower().orElse(Double.NaN)),
                quantileTime(rows, r -> r.upper().orElse(Double.NaN)));
    }

    private static double[] interval(double s, double se, double z, ConfidenceType type) {
        return switch (type) {
            case LOG -> new double[] {Math.exp(Math.log(s) - z * se), Math.min(1, Math.exp(Math.log(s) + z * se))};
            case LOG_LOG -> {
                if (s == 1) {
                    yield new double[] {Double.NaN, Double.NaN};
                }
                double ll = Math.log(-Math.log(s));
                double w = z * se / Math.log(s);
                yield new double[] {Math.exp(-Math.exp(ll - w)), Math.exp(-Math.exp(ll + w))};
            }
            case PLAIN -> new double[] {Math.max(0, s - z * se * s), Math.min(1, s + z * se * s)};
        };
    }

    /**
     * The time the curve falls to ½, by R's rule ({@code survival:::findq}): on the points (0, 1) and
     * (tᵢ, curveᵢ) with repeated values dropped, take the point whose 1 − curve is the smallest at or above
     * ½ (once with the values shifted up by the tolerance, once down); the median is the mean of the two
     * times, so a curve flat at exactly ½ gives the midpoint to its next drop (or to the last time). On
     * a non-monotone band (the confidence limits can rise) this picks the same point as R.
     */
    private static Optional<Double> quantileTime(List<Row> rows, java.util.function.ToDoubleFunction<Row> curve) {
        final double p = 0.5;
        List<double[]> points = new ArrayList<>(); // {time, 1 − curve}
        points.add(new double[] {0, 0});
        double lastTime = rows.get(rows.size() - 1).time();
        double lastValue = 1 - curve.applyAsDouble(rows.get(rows.size() - 1));
        java.util.Set<Double> seen = new java.util.HashSet<>();
        seen.add(0.0);
        double max = 0;
        for (Row r : rows) {
            double y = 1 - curve.applyAsDouble(r);
            if (Double.isNaN(y) || !seen.add(y)) {
                continue;
            }
            points.add(new double[] {r.time(), y});
            max = Math.max(max, y);
        }
        if (max < p) {
            return Optional.empty();
        }
        Optional<double[]> up = smallestAtOrAbove(points, p, MEDIAN_TOLERANCE);
        Optional<double[]> down = smallestAtOrAbove(points, p, -MEDIAN_TOLERANCE);
        if (up.isEmpty() || down.isEmpty()) {
            return Optional.empty();
        }
        if (!Double.isNaN(lastValue) && Math.abs(p - lastValue) < MEDIAN_TOLERANCE) {
            return Optional.of((up.get()[0] + lastTime) / 2);
        }
        return Optional.of((up.get()[0] + down.get()[0]) / 2);
    }

    private static Optional<double[]> smallestAtOrAbove(List<double[]> points, double p, double shift) {
        double[] best = null;
        for (double[] pt : points) {
            double y = pt[1] + shift;
            if (y >= p && (best == null || y < best[1] + shift)) {
                best = pt;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String label(String group) {
        return group.isEmpty() ? "" : " (group " + group + ")";
    }
}

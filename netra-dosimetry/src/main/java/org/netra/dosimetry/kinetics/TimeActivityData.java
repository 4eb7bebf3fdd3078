package org.netra.dosimetry.kinetics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.netra.physics.quantity.Times;

/** The measured time points of one region, sorted by time, at distinct times. */
public record TimeActivityData(List<TimePoint> points) {
    public TimeActivityData {
        if (points == null || points.isEmpty()) {
            throw new KineticsException("a time–activity curve needs at least one time point");
        }
        List<TimePoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(TimePoint::afterInjection));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).afterInjection().equals(sorted.get(i - 1).afterInjection())) {
                throw new KineticsException("two time points at the same time after injection ("
                        + sorted.get(i).afterInjection() + "); merge or drop one");
            }
        }
        points = List.copyOf(sorted);
    }

    public static TimeActivityData of(TimePoint... points) {
        return new TimeActivityData(List.of(points));
    }

    public int size() {
        return points.size();
    }

    /** True when every point carries a standard deviation. */
    public boolean allHaveStandardDeviations() {
        return points.stream().allMatch(p -> p.standardDeviation().isPresent());
    }

    double[] hours() {
        return points.stream().mapToDouble(p -> Times.hours(p.afterInjection())).toArray();
    }

    double[] megabecquerels() {
        return points.stream().mapToDouble(p -> p.activity().inMBq()).toArray();
    }

    /** Standard deviations in MBq; only call when {@link #allHaveStandardDeviations()}. */
    double[] standardDeviationsMBq() {
        return points.stream()
                .mapToDouble(p -> p.standardDeviation().orElseThrow().inMBq())
                .toArray();
    }

    /** True when the last point is higher than the one before: the peak may not have been reached. */
    public boolean risingAtLastPoint() {
        int n = points.size();
        return n >= 2
                && points.get(n - 1).activity().compareTo(points.get(n - 2).activity()) > 0;
    }
}

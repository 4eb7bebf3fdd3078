package org.netra.dosimetry.uncertainty;

import java.util.Locale;

/** A value ± 1 standard deviation, in the unit named. */
public record Uncertain(double value, double standardDeviation, String unit) {
    public Uncertain {
        if (!Double.isFinite(value) || !(standardDeviation >= 0) || Double.isInfinite(standardDeviation)) {
            throw new IllegalArgumentException(
                    "a value ± SD needs a finite value and a finite SD ≥ 0, got " + value + " ± " + standardDeviation);
        }
    }

    /** SD / |value|. */
    public double relativeStandardDeviation() {
        return value == 0 ? 0 : standardDeviation / Math.abs(value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4g ± %.2g %s", value, standardDeviation, unit);
    }
}

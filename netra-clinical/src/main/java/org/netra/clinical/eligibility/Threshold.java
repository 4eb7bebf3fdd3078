package org.netra.clinical.eligibility;

import java.util.Locale;

/** A configured limit with its unit and where the default comes from. */
public record Threshold(double value, String unit, String source) {
    public Threshold {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a threshold must be a finite number, got " + value);
        }
    }

    public Threshold withValue(double newValue, String newSource) {
        return new Threshold(newValue, unit, newSource);
    }

    String show() {
        String v = value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
        return unit.isEmpty() ? v : v + " " + unit;
    }
}

package org.netra.clinical.safety;

import java.util.Locale;

/** Ambient dose-equivalent rate, stored in µSv/h (what a survey meter at 1 m shows). */
public record DoseRate(double microSievertsPerHour) {
    public DoseRate {
        if (!Double.isFinite(microSievertsPerHour) || microSievertsPerHour < 0) {
            throw new IllegalArgumentException(
                    "a dose rate must be a finite number ≥ 0 µSv/h, got " + microSievertsPerHour);
        }
    }

    public static DoseRate ofMicroSvPerHour(double v) {
        return new DoseRate(v);
    }

    public double inMicroSvPerHour() {
        return microSievertsPerHour;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3g µSv/h", microSievertsPerHour);
    }
}

package org.netra.physics.quantity;

import java.time.Duration;

/** Conversions between {@link Duration} and the real-valued times that physics formulas need. */
public final class Times {
    private Times() {}

    public static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() * 1e-9;
    }

    public static double hours(Duration d) {
        return seconds(d) / 3600.0;
    }

    public static double days(Duration d) {
        return seconds(d) / 86400.0;
    }

    /** A duration from real seconds, rounded to the nanosecond. */
    public static Duration ofSeconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new InvalidQuantityException("a time must be finite, got " + seconds + " s");
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return Duration.ofSeconds(whole, nanos);
    }

    public static Duration ofHours(double hours) {
        return ofSeconds(hours * 3600.0);
    }

    public static Duration ofDays(double days) {
        return ofSeconds(days * 86400.0);
    }
}

package org.netra.physics.quantity;

/** Time-integrated activity (number of decays), stored in Bq·s. */
public record TimeIntegratedActivity(double becquerelSeconds) implements Comparable<TimeIntegratedActivity> {
    public static final TimeIntegratedActivity ZERO = new TimeIntegratedActivity(0);

    public TimeIntegratedActivity {
        Checks.nonNegative(becquerelSeconds, "time-integrated activity", "Bq·s");
    }

    public static TimeIntegratedActivity ofBqSeconds(double bqs) {
        return new TimeIntegratedActivity(bqs);
    }

    public static TimeIntegratedActivity ofMBqHours(double mbqh) {
        return new TimeIntegratedActivity(mbqh * 1e6 * 3600);
    }

    public double inBqSeconds() {
        return becquerelSeconds;
    }

    public double inMBqHours() {
        return becquerelSeconds / (1e6 * 3600);
    }

    public double inMBqSeconds() {
        return becquerelSeconds / 1e6;
    }

    public TimeIntegratedActivity plus(TimeIntegratedActivity other) {
        return new TimeIntegratedActivity(becquerelSeconds + other.becquerelSeconds);
    }

    /** The energy emitted by these decays at {@code energyPerDecay}. */
    public Energy times(Energy energyPerDecay) {
        return Energy.ofJoules(becquerelSeconds * energyPerDecay.inJoules());
    }

    @Override
    public int compareTo(TimeIntegratedActivity o) {
        return Double.compare(becquerelSeconds, o.becquerelSeconds);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.4g MBq·h", inMBqHours());
    }
}

package org.netra.physics.quantity;

/** Radioactivity, stored in becquerels. */
public record Activity(double becquerels) implements Comparable<Activity> {
    public static final Activity ZERO = new Activity(0);
    private static final double[] FACTORS = {1, 1e3, 1e6, 1e9, 1e12};
    private static final String[] UNITS = {"Bq", "kBq", "MBq", "GBq", "TBq"};

    public Activity {
        Checks.nonNegative(becquerels, "activity", "Bq");
    }

    public static Activity ofBq(double bq) {
        return new Activity(bq);
    }

    public static Activity ofKBq(double kbq) {
        return new Activity(kbq * 1e3);
    }

    public static Activity ofMBq(double mbq) {
        return new Activity(mbq * 1e6);
    }

    public static Activity ofGBq(double gbq) {
        return new Activity(gbq * 1e9);
    }

    public double inBq() {
        return becquerels;
    }

    public double inMBq() {
        return becquerels / 1e6;
    }

    public double inGBq() {
        return becquerels / 1e9;
    }

    public Activity times(double factor) {
        return new Activity(becquerels * factor);
    }

    public Activity plus(Activity other) {
        return new Activity(becquerels + other.becquerels);
    }

    /** The concentration of this activity spread evenly over {@code volume}. */
    public ActivityConcentration per(Volume volume) {
        return ActivityConcentration.ofBqPerMl(becquerels / volume.inMl());
    }

    @Override
    public int compareTo(Activity o) {
        return Double.compare(becquerels, o.becquerels);
    }

    @Override
    public String toString() {
        return Checks.human(becquerels, FACTORS, UNITS);
    }
}

package org.netra.physics.quantity;

/** Activity per volume, stored in Bq/mL (the unit of quantitative PET and SPECT, DICOM "BQML"). */
public record ActivityConcentration(double bqPerMl) implements Comparable<ActivityConcentration> {
    private static final double[] FACTORS = {1, 1e3, 1e6};
    private static final String[] UNITS = {"Bq/mL", "kBq/mL", "MBq/mL"};

    public ActivityConcentration {
        Checks.nonNegative(bqPerMl, "activity concentration", "Bq/mL");
    }

    public static ActivityConcentration ofBqPerMl(double bqPerMl) {
        return new ActivityConcentration(bqPerMl);
    }

    public static ActivityConcentration ofKBqPerMl(double kbqPerMl) {
        return new ActivityConcentration(kbqPerMl * 1e3);
    }

    public double inBqPerMl() {
        return bqPerMl;
    }

    public double inKBqPerMl() {
        return bqPerMl / 1e3;
    }

    /** The activity this concentration holds in {@code volume}. */
    public Activity times(Volume volume) {
        return Activity.ofBq(bqPerMl * volume.inMl());
    }

    @Override
    public int compareTo(ActivityConcentration o) {
        return Double.compare(bqPerMl, o.bqPerMl);
    }

    @Override
    public String toString() {
        return Checks.human(bqPerMl, FACTORS, UNITS);
    }
}

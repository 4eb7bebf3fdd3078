package org.netra.clinical.safety;

import java.util.Locale;

/** Effective dose to a person other than the patient, stored in sieverts. */
public record Dose(double sieverts) implements Comparable<Dose> {
    public Dose {
        if (!Double.isFinite(sieverts) || sieverts < 0) {
            throw new IllegalArgumentException("a dose must be a finite number ≥ 0 Sv, got " + sieverts);
        }
    }

    public static Dose ofMilliSv(double mSv) {
        return new Dose(mSv / 1e3);
    }

    public static Dose ofMicroSv(double uSv) {
        return new Dose(uSv / 1e6);
    }

    public double inMilliSv() {
        return sieverts * 1e3;
    }

    public double inMicroSv() {
        return sieverts * 1e6;
    }

    @Override
    public int compareTo(Dose o) {
        return Double.compare(sieverts, o.sieverts);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3g mSv", inMilliSv());
    }
}

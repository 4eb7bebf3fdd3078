package org.netra.physics.quantity;

/** Energy, stored in joules; nuclear data speak MeV and keV, dosimetry speaks joules. */
public record Energy(double joules) implements Comparable<Energy> {
    /** Joules per electronvolt (CODATA 2018, exact). */
    public static final double JOULES_PER_EV = 1.602176634e-19;

    public static final Energy ZERO = new Energy(0);

    public Energy {
        Checks.nonNegative(joules, "energy", "J");
    }

    public static Energy ofJoules(double joules) {
        return new Energy(joules);
    }

    public static Energy ofMeV(double mev) {
        return new Energy(mev * 1e6 * JOULES_PER_EV);
    }

    public static Energy ofKeV(double kev) {
        return new Energy(kev * 1e3 * JOULES_PER_EV);
    }

    public double inJoules() {
        return joules;
    }

    public double inMeV() {
        return joules / (1e6 * JOULES_PER_EV);
    }

    public double inKeV() {
        return joules / (1e3 * JOULES_PER_EV);
    }

    public Energy plus(Energy other) {
        return new Energy(joules + other.joules);
    }

    public Energy times(double factor) {
        return new Energy(joules * factor);
    }

    @Override
    public int compareTo(Energy o) {
        return Double.compare(joules, o.joules);
    }

    @Override
    public String toString() {
        double kev = inKeV();
        return kev >= 1000
                ? String.format(java.util.Locale.ROOT, "%.4g MeV", kev / 1000)
                : String.format(java.util.Locale.ROOT, "%.4g keV", kev);
    }
}

package org.netra.physics.quantity;

/** Mass, stored in kilograms. */
public record Mass(double kilograms) implements Comparable<Mass> {
    private static final double[] FACTORS = {1e-6, 1e-3, 1};
    private static final String[] UNITS = {"mg", "g", "kg"};

    public Mass {
        Checks.nonNegative(kilograms, "mass", "kg");
    }

    public static Mass ofKg(double kg) {
        return new Mass(kg);
    }

    public static Mass ofGrams(double g) {
        return new Mass(g / 1e3);
    }

    public double inKg() {
        return kilograms;
    }

    public double inGrams() {
        return kilograms * 1e3;
    }

    @Override
    public int compareTo(Mass o) {
        return Double.compare(kilograms, o.kilograms);
    }

    @Override
    public String toString() {
        return Checks.human(kilograms, FACTORS, UNITS);
    }
}

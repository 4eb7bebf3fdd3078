package org.netra.physics.quantity;

/** Absorbed dose, stored in grays (J/kg). */
public record AbsorbedDose(double grays) implements Comparable<AbsorbedDose> {
    public static final AbsorbedDose ZERO = new AbsorbedDose(0);
    private static final double[] FACTORS = {1e-6, 1e-3, 1};
    private static final String[] UNITS = {"µGy", "mGy", "Gy"};

    public AbsorbedDose {
        Checks.nonNegative(grays, "absorbed dose", "Gy");
    }

    public static AbsorbedDose ofGy(double gy) {
        return new AbsorbedDose(gy);
    }

    public static AbsorbedDose ofMGy(double mgy) {
        return new AbsorbedDose(mgy / 1e3);
    }

    /** The dose of {@code energy} deposited in {@code mass}. */
    public static AbsorbedDose of(Energy energy, Mass mass) {
        return new AbsorbedDose(energy.inJoules() / mass.inKg());
    }

    public double inGy() {
        return grays;
    }

    public double inMGy() {
        return grays * 1e3;
    }

    public AbsorbedDose plus(AbsorbedDose other) {
        return new AbsorbedDose(grays + other.grays);
    }

    public AbsorbedDose times(double factor) {
        return new AbsorbedDose(grays * factor);
    }

    @Override
    public int compareTo(AbsorbedDose o) {
        return Double.compare(grays, o.grays);
    }

    @Override
    public String toString() {
        return Checks.human(grays, FACTORS, UNITS);
    }
}

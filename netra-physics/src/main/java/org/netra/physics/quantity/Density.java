package org.netra.physics.quantity;

/** Mass density, stored in g/mL (= g/cm³). */
public record Density(double gramsPerMl) implements Comparable<Density> {
    /** Soft tissue / water, the usual assumption where no CT is available. */
    public static final Density WATER = new Density(1.0);

    public Density {
        Checks.positive(gramsPerMl, "density", "g/mL");
    }

    public static Density ofGramsPerMl(double gPerMl) {
        return new Density(gPerMl);
    }

    public static Density ofKgPerCubicMetre(double kgPerM3) {
        return new Density(kgPerM3 / 1e3);
    }

    public double inGramsPerMl() {
        return gramsPerMl;
    }

    public double inKgPerCubicMetre() {
        return gramsPerMl * 1e3;
    }

    @Override
    public int compareTo(Density o) {
        return Double.compare(gramsPerMl, o.gramsPerMl);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.4g g/mL", gramsPerMl);
    }
}

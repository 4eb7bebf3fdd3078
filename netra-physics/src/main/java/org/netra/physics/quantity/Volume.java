package org.netra.physics.quantity;

/** Volume, stored in millilitres (cm³), the unit of VOIs and organ volumes. */
public record Volume(double millilitres) implements Comparable<Volume> {
    private static final double[] FACTORS = {1e-3, 1, 1e3};
    private static final String[] UNITS = {"mm³", "mL", "L"};

    public Volume {
        Checks.nonNegative(millilitres, "volume", "mL");
    }

    public static Volume ofMl(double ml) {
        return new Volume(ml);
    }

    public static Volume ofCubicMm(double mm3) {
        return new Volume(mm3 / 1e3);
    }

    public static Volume ofLitres(double l) {
        return new Volume(l * 1e3);
    }

    public double inMl() {
        return millilitres;
    }

    public double inCubicMm() {
        return millilitres * 1e3;
    }

    /** The mass of this volume at {@code density}. */
    public Mass times(Density density) {
        return Mass.ofGrams(millilitres * density.inGramsPerMl());
    }

    @Override
    public int compareTo(Volume o) {
        return Double.compare(millilitres, o.millilitres);
    }

    @Override
    public String toString() {
        return Checks.human(millilitres, FACTORS, UNITS);
    }
}

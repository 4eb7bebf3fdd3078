package org.netra.clinical.patient;

import java.util.Locale;

/** A length (body height, lesion diameter), stored in millimetres. */
public record Length(double millimetres) implements Comparable<Length> {
    public static final Length ZERO = new Length(0);

    public Length {
        if (!Double.isFinite(millimetres) || millimetres < 0) {
            throw new IllegalArgumentException("a length must be a finite number ≥ 0, got " + millimetres + " mm");
        }
    }

    public static Length ofMm(double mm) {
        return new Length(mm);
    }

    public static Length ofCm(double cm) {
        return new Length(cm * 10);
    }

    public double inMm() {
        return millimetres;
    }

    public double inCm() {
        return millimetres / 10;
    }

    public double inMetres() {
        return millimetres / 1000;
    }

    public Length plus(Length other) {
        return new Length(millimetres + other.millimetres);
    }

    @Override
    public int compareTo(Length o) {
        return Double.compare(millimetres, o.millimetres);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f mm", millimetres);
    }
}

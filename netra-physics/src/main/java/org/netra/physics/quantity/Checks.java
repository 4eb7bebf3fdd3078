package org.netra.physics.quantity;

/** Construction checks shared by the quantity records. */
final class Checks {
    private Checks() {}

    static double nonNegative(double value, String quantity, String unit) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new InvalidQuantityException(quantity + " must be a finite number, got " + value + " " + unit);
        }
        if (value < 0) {
            throw new InvalidQuantityException(quantity + " cannot be negative, got " + value + " " + unit);
        }
        return value;
    }

    static double positive(double value, String quantity, String unit) {
        nonNegative(value, quantity, unit);
        if (value == 0) {
            throw new InvalidQuantityException(quantity + " must be greater than zero, got 0 " + unit);
        }
        return value;
    }

    /** Formats {@code value} (in the smallest unit) with the largest unit that keeps it at least 1. */
    static String human(double value, double[] factors, String[] units) {
        int pick = 0;
        for (int i = 0; i < factors.length; i++) {
            if (Math.abs(value) >= factors[i]) {
                pick = i;
            }
        }
        double scaled = value / factors[pick];
        String number = Math.abs(scaled) >= 100 || scaled == 0
                ? String.format(java.util.Locale.ROOT, "%.0f", scaled)
                : String.format(java.util.Locale.ROOT, "%.3g", scaled);
        return number + " " + units[pick];
    }
}

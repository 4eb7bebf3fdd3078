package org.netra.dosimetry.kinetics;

import java.util.List;

/**
 * A(t) = Σ cᵢ·e^(−kᵢ·t), t in hours and A in MBq: the shape every {@link KineticModel} reduces to, and
 * what the radiobiology needs for its dose-rate integrals.
 */
public record Exponentials(List<ExponentialTerm> terms) {
    public Exponentials {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new KineticsException("a sum of exponentials needs at least one term");
        }
    }

    public double valueMBq(double hours) {
        double sum = 0;
        for (ExponentialTerm t : terms) {
            sum += t.coefficientMBq() * Math.exp(-t.ratePerHour() * hours);
        }
        return sum;
    }

    /** ∫ from {@code fromHours} to {@code toHours} (which may be +∞), in MBq·h. */
    public double integralMBqHours(double fromHours, double toHours) {
        double sum = 0;
        for (ExponentialTerm t : terms) {
            double k = t.ratePerHour();
            double tail = Double.isInfinite(toHours) ? 0 : Math.exp(-k * toHours);
            sum += t.coefficientMBq() * (Math.exp(-k * fromHours) - tail) / k;
        }
        return sum;
    }

    /** The slowest rate: the terminal phase that governs the curve at late times. */
    public double slowestRatePerHour() {
        return terms.stream().mapToDouble(ExponentialTerm::ratePerHour).min().orElseThrow();
    }
}

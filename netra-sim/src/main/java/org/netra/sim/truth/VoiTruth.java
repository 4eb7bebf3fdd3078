package org.netra.sim.truth;

import java.util.List;
import java.util.Optional;

/**
 * The truth about one VOI in one cycle: its size, its activity curve (terms c·e^(−k·t), c in MBq, k per hour,
 * t from injection), the time-integrated activity to infinity, the mean absorbed dose and, where a tissue
 * model applies, the BED.
 */
public record VoiTruth(
        String name,
        String kind,
        double volumeMl,
        double massG,
        List<Term> activityCurve,
        double tiaMBqH,
        double doseGy,
        double doseGyPerGBq,
        Optional<Double> bedGy,
        Optional<String> bedParameters) {
    /** One exponential term of the activity curve. */
    public record Term(double coefficientMBq, double ratePerHour) {}

    /** The true activity at {@code hours} after injection, MBq. */
    public double activityMBq(double hours) {
        double a = 0;
        for (Term t : activityCurve) {
            a += t.coefficientMBq() * Math.exp(-t.ratePerHour() * hours);
        }
        return a;
    }
}

package org.netra.physics.decay;

import java.time.Duration;
import java.time.Instant;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.InvalidQuantityException;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * Exponential decay with a half-life: physical, biological or effective. All functions take the
 * half-life as a {@link Duration}, so hours cannot be passed where seconds are meant.
 */
public final class Decay {
    private static final double LN2 = Math.log(2);

    private Decay() {}

    /** λ = ln 2 / T½, per second. */
    public static double constantPerSecond(Duration halfLife) {
        return LN2 / positiveSeconds(halfLife, "half-life");
    }

    /** The fraction left after {@code elapsed}: 2^(−t/T½); above 1 for a negative {@code elapsed}. */
    public static double factor(Duration halfLife, Duration elapsed) {
        return Math.exp(-constantPerSecond(halfLife) * Times.seconds(elapsed));
    }

    /** The fraction left between two instants (above 1 if {@code to} is before {@code from}). */
    public static double factor(Duration halfLife, Instant from, Instant to) {
        return factor(halfLife, Duration.between(from, to));
    }

    /** The activity {@code elapsed} after it was {@code initial}. */
    public static Activity activityAt(Activity initial, Duration halfLife, Duration elapsed) {
        return initial.times(factor(halfLife, elapsed));
    }

    /** 1/T_eff = 1/T_phys + 1/T_biol. */
    public static Duration effectiveHalfLife(Duration physical, Duration biological) {
        double p = positiveSeconds(physical, "physical half-life");
        double b = positiveSeconds(biological, "biological half-life");
        return Times.ofSeconds(p * b / (p + b));
    }

    /** The biological half-life that, with {@code physical}, gives {@code effective}. */
    public static Duration biologicalHalfLife(Duration physical, Duration effective) {
        double p = positiveSeconds(physical, "physical half-life");
        double e = positiveSeconds(effective, "effective half-life");
        if (e >= p) {
            throw new InvalidQuantityException("an effective half-life (" + e
                    + " s) must be shorter than the physical (" + p + " s) for a finite biological half-life");
        }
        return Times.ofSeconds(p * e / (p - e));
    }

    /** ∫₀^∞ A₀·e^(−λt) dt = A₀/λ = A₀·T½/ln 2. */
    public static TimeIntegratedActivity integralToInfinity(Activity initial, Duration halfLife) {
        return TimeIntegratedActivity.ofBqSeconds(initial.inBq() / constantPerSecond(halfLife));
    }

    /** ∫ from {@code from} to {@code to} (both measured from the time of {@code initial}). */
    public static TimeIntegratedActivity integral(Activity initial, Duration halfLife, Duration from, Duration to) {
        if (to.compareTo(from) < 0) {
            throw new InvalidQuantityException(
                    "integration interval ends (" + to + ") before it starts (" + from + ")");
        }
        double lambda = constantPerSecond(halfLife);
        double a = Times.seconds(from);
        double b = Times.seconds(to);
        // e^(−λa)·(1 − e^(−λ(b−a)))/λ, with expm1 for accuracy on short intervals
        double value = initial.inBq() * Math.exp(-lambda * a) * -Math.expm1(-lambda * (b - a)) / lambda;
        return TimeIntegratedActivity.ofBqSeconds(value);
    }

    private static double positiveSeconds(Duration d, String what) {
        double s = Times.seconds(d);
        if (!(s > 0)) {
            throw new InvalidQuantityException(what + " must be positive, got " + d);
        }
        return s;
    }
}

package org.netra.dosimetry.kinetics;

import java.time.Duration;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.TimeIntegratedActivity;
import org.netra.physics.quantity.Times;

/**
 * A time–activity model, t measured from injection. Every model is a sum of exponentials, so its values
 * and integrals are analytic. {@link #parameters()} are in MBq and per hour, in the order the record lists.
 */
public sealed interface KineticModel
        permits MonoExponential, BiExponential, TriExponential, UptakeWashout, UptakeBiExponential {

    ModelKind kind();

    /** The parameters, amplitudes in MBq and rates (ln 2 / half-life) per hour. */
    double[] parameters();

    default int parameterCount() {
        return kind().parameterCount();
    }

    default Exponentials exponentials() {
        return kind().exponentials(parameters());
    }

    default Activity valueAt(Duration afterInjection) {
        return Activity.ofMBq(Math.max(0, kind().value(Times.hours(afterInjection), parameters())));
    }

    /** ∫₀^∞ A(t) dt. */
    default TimeIntegratedActivity integral() {
        return TimeIntegratedActivity.ofMBqHours(kind().integral(0, Double.POSITIVE_INFINITY, parameters()));
    }

    /** ∫ from {@code from} to {@code to}. */
    default TimeIntegratedActivity integral(Duration from, Duration to) {
        if (to.compareTo(from) < 0 || from.isNegative()) {
            throw new KineticsException("integration interval [" + from + ", " + to + "] must start at or after"
                    + " injection and not end before it starts");
        }
        return TimeIntegratedActivity.ofMBqHours(
                Math.max(0, kind().integral(Times.hours(from), Times.hours(to), parameters())));
    }

    /** ∂(∫₀^∞ A dt, in MBq·h)/∂{@link #parameters()}: the Jacobian for uncertainty propagation. */
    default double[] integralGradient() {
        return kind().integralGradient(0, Double.POSITIVE_INFINITY, parameters());
    }

    /**
     * The effective half-life of the terminal (slowest) phase, ln 2 / min(λ): for a mono-exponential
     * the effective half-life, for the others the one that governs the tail.
     */
    default Duration effectiveHalfLife() {
        return Times.ofHours(Math.log(2) / exponentials().slowestRatePerHour());
    }
}

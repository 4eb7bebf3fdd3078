package org.netra.dosimetry.radiobiology;

import java.time.Duration;
import java.util.List;
import org.netra.dosimetry.kinetics.ExponentialTerm;
import org.netra.dosimetry.kinetics.Exponentials;
import org.netra.physics.quantity.Times;

/**
 * The Lea–Catcheside dose-protraction factor, G = (2/D²)∫₀^∞ Ḋ(t) ∫₀^t Ḋ(w)·e^(−μ(t−w)) dw dt, for a dose rate
 * proportional to a sum of exponentials Ḋ(t) ∝ Σ cᵢ·e^(−kᵢt) (any {@link Exponentials}; coefficients may be
 * negative for an uptake phase). The inner integral is (e^(−kⱼt) − e^(−μt))/(μ − kⱼ); the outer one then
 * gives, with no singularity at kⱼ = μ,
 *
 * <pre>G = 2·Σᵢ Σⱼ cᵢcⱼ / ((kᵢ+kⱼ)(kᵢ+μ)) / (Σᵢ cᵢ/kᵢ)²</pre>
 *
 * For one exponential this is k/(k+μ) = T_rep/(T_rep + T_eff), the closed form behind the mono-exponential BED.
 */
public final class LeaCatcheside {
    private LeaCatcheside() {}

    public static double gFactor(Exponentials doseRateShape, Duration repairHalfTime) {
        double mu = Math.log(2) / Times.hours(repairHalfTime);
        List<ExponentialTerm> terms = doseRateShape.terms();
        double total = 0;
        for (ExponentialTerm t : terms) {
            total += t.coefficientMBq() / t.ratePerHour();
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the dose-rate curve integrates to " + total + ", not a positive dose");
        }
        double sum = 0;
        for (ExponentialTerm i : terms) {
            for (ExponentialTerm j : terms) {
                double ki = i.ratePerHour();
                sum += i.coefficientMBq() * j.coefficientMBq() / ((ki + j.ratePerHour()) * (ki + mu));
            }
        }
        return 2 * sum / (total * total);
    }
}

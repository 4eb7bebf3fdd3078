package org.netra.dosimetry.kinetics;

/** One term c·e^(−k·t) of a sum of exponentials; c may be negative (an uptake phase). */
public record ExponentialTerm(double coefficientMBq, double ratePerHour) {
    public ExponentialTerm {
        if (!Double.isFinite(coefficientMBq) || !(ratePerHour > 0) || Double.isInfinite(ratePerHour)) {
            throw new KineticsException(
                    "an exponential term needs a finite coefficient and a positive finite rate, got " + coefficientMBq
                            + " MBq, " + ratePerHour + " /h");
        }
    }
}

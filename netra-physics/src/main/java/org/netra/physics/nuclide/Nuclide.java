package org.netra.physics.nuclide;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.netra.physics.quantity.Times;

/**
 * A radionuclide as ICRP Publication 107 describes it. {@code emissionLines} is empty for nuclides
 * whose line data netra does not ship (see {@link NuclideCatalog#withEmissionLines()}).
 */
public record Nuclide(
        String name,
        double halfLifeSeconds,
        List<DecayMode> decayModes,
        List<Progeny> progeny,
        MeanEnergyPerDecay meanEnergyPerDecay,
        List<EmissionLine> emissionLines) {

    public Nuclide {
        if (!(halfLifeSeconds > 0) || Double.isInfinite(halfLifeSeconds)) {
            throw new IllegalArgumentException(
                    name + ": half-life must be positive and finite, got " + halfLifeSeconds);
        }
        decayModes = List.copyOf(decayModes);
        progeny = List.copyOf(progeny);
        emissionLines = List.copyOf(emissionLines);
    }

    /**
     * The half-life as a {@link Duration}; ICRP-107 lists a few primordial nuclides (Te-128, …) whose
     * half-lives exceed what a Duration can hold, and those are refused here.
     */
    public Duration halfLife() {
        if (halfLifeSeconds >= Long.MAX_VALUE) {
            throw new ArithmeticException(name + " has a half-life of " + halfLifeSeconds + " s, beyond java.time");
        }
        return Times.ofSeconds(halfLifeSeconds);
    }

    /** The decay constant λ = ln 2 / T½, per second. */
    public double decayConstantPerSecond() {
        return Math.log(2) / halfLifeSeconds();
    }

    public boolean hasEmissionLines() {
        return !emissionLines.isEmpty();
    }

    /** Gamma lines with at least {@code minYield} per decay, most intense first. */
    public List<EmissionLine> gammaLines(double minYield) {
        return emissionLines.stream()
                .filter(l -> l.type() == RadiationType.GAMMA && l.yieldPerDecay() >= minYield)
                .sorted(Comparator.comparingDouble(EmissionLine::yieldPerDecay).reversed())
                .toList();
    }

    @Override
    public String toString() {
        return name;
    }
}

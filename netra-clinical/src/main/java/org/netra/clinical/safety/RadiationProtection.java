package org.netra.clinical.safety;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netra.physics.quantity.Times;

/**
 * Isolation, release and contact restrictions after a therapy administration (docs/DOMAIN.md §4), from a
 * measured dose rate at 1 m and the whole-body effective half-life.
 */
public final class RadiationProtection {
    private static final double LN2 = Math.log(2);

    private final Duration minimumIsolation;
    private final ReleaseCriterion release;

    /** @param minimumIsolation 24 h in the Uppsala model */
    public RadiationProtection(Duration minimumIsolation, ReleaseCriterion release) {
        this.minimumIsolation = minimumIsolation;
        this.release = release;
    }

    public static RadiationProtection defaults() {
        return new RadiationProtection(Duration.ofHours(24), ReleaseCriterion.ProjectedDose.usNrc());
    }

    /** NUREG-1556 vol. 9: dose to a contact from now on, D = Ḋ(1 m)·E·T_eff/ln 2 (1/ln 2 = 1.443). */
    public static Dose doseToContact(DoseRate atOneMetre, double occupancy, Duration effectiveHalfLife) {
        double hours = Times.hours(positive(effectiveHalfLife));
        return Dose.ofMicroSv(atOneMetre.inMicroSvPerHour() * occupancy * hours / LN2);
    }

    /**
     * The time to keep a restriction so that the rest of the decay gives at most the constraint:
     * T = (T_eff/ln 2)·ln(Ḋ₀·OF·T_eff/(ln 2·D_c)); zero when the whole decay already stays below it.
     */
    public static Duration restrictionPeriod(
            DoseRate atOneMetre, double occupancy, Duration effectiveHalfLife, Dose constraint) {
        double teff = Times.hours(positive(effectiveHalfLife));
        double ratio = atOneMetre.inMicroSvPerHour() * occupancy * teff / (LN2 * constraint.inMicroSv());
        return ratio <= 1 ? Duration.ZERO : Times.ofHours(teff / LN2 * Math.log(ratio));
    }

    /**
     * One contact's restriction: {@code period} is what the dose rate and effective half-life require (the
     * constraint met); the patient keeps it at least the scenario's consensus minimum ({@link #kept}).
     */
    public record Restriction(
            ContactScenario scenario, Duration period, Dose withoutRestriction, Dose withRestriction) {
        /** How long the patient keeps it: the modelled period, at least the scenario's minimum days. */
        public Duration kept() {
            Duration minimum = Duration.ofDays(scenario.minimumDays());
            return period.compareTo(minimum) >= 0 ? period : minimum;
        }

        /** Whole days, rounded up: what the patient is told. */
        public long days() {
            return (kept().toSeconds() + 86399) / 86400;
        }

        /** Whether the consensus minimum, not the dose constraint, sets the days. */
        public boolean byMinimum() {
            return period.compareTo(Duration.ofDays(scenario.minimumDays())) < 0;
        }
    }

    public List<Restriction> restrictions(
            DoseRate atOneMetre, Duration effectiveHalfLife, List<ContactScenario> scenarios) {
        List<Restriction> out = new ArrayList<>();
        for (ContactScenario s : scenarios) {
            Duration t = restrictionPeriod(atOneMetre, s.occupancy(), effectiveHalfLife, s.constraintPerCycle());
            Dose without = doseToContact(atOneMetre, s.occupancy(), effectiveHalfLife);
            double left = Math.pow(2, -Times.hours(t) / Times.hours(effectiveHalfLife));
            out.add(new Restriction(s, t, without, Dose.ofMicroSv(without.inMicroSv() * left)));
        }
        return List.copyOf(out);
    }

    /** The release check: may the patient leave at {@code measuredAt}? */
    public record ReleaseCheck(
            boolean releasable, boolean writtenInstructions, Dose projectedDose, List<String> reasons) {}

    public ReleaseCheck releaseCheck(
            LocalDateTime administered, LocalDateTime measuredAt, DoseRate atOneMetre, Duration effectiveHalfLife) {
        List<String> reasons = new ArrayList<>();
        boolean ok = true;
        Duration since = Duration.between(administered, measuredAt);
        if (since.compareTo(minimumIsolation) < 0) {
            ok = false;
            reasons.add("isolated " + since.toHours() + " h of the required " + minimumIsolation.toHours() + " h");
        }
        Dose projected;
        boolean instructions;
        switch (release) {
            case ReleaseCriterion.DoseRateAtOneMetre r -> {
                projected = doseToContact(atOneMetre, 0.25, effectiveHalfLife);
                instructions = true;
                if (atOneMetre.inMicroSvPerHour() >= r.limit().inMicroSvPerHour()) {
                    ok = false;
                    reasons.add(
                            "dose rate " + atOneMetre + " at 1 m is not below " + r.limit() + " (" + r.source() + ")");
                }
            }
            case ReleaseCriterion.ProjectedDose r -> {
                projected = doseToContact(atOneMetre, r.occupancy(), effectiveHalfLife);
                instructions = projected.compareTo(r.instructionsAbove()) > 0;
                if (projected.compareTo(r.limit()) > 0) {
                    ok = false;
                    reasons.add("projected dose to others " + projected + " exceeds " + r.limit() + " (" + r.source()
                            + ")");
                }
            }
        }
        if (ok) {
            reasons.add(String.format(
                    Locale.ROOT, "releasable: %s at 1 m, projected dose to others %s", atOneMetre, projected));
        }
        return new ReleaseCheck(ok, instructions, projected, List.copyOf(reasons));
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the effective half-life must be positive, got " + d);
        }
        return d;
    }
}

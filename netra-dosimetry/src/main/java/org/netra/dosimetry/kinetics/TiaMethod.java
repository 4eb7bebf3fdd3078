package org.netra.dosimetry.kinetics;

/** How a time-integrated activity was obtained. */
public sealed interface TiaMethod {
    String describe();

    /** A fitted model, integrated analytically. */
    record Fit(KineticModel model, Tail tail) implements TiaMethod {
        @Override
        public String describe() {
            return model.kind().label() + " fit"
                    + (tail == Tail.PHYSICAL_DECAY_FROM_LAST_POINT ? ", physical decay after the last point" : "");
        }
    }

    /**
     * Trapezoids from injection (activity 0) through the time points, then physical decay from the last
     * point to infinity.
     */
    record TrapezoidWithPhysicalTail() implements TiaMethod {
        @Override
        public String describe() {
            return "trapezoid from injection to the last point, physical decay after it";
        }
    }

    /** A single time point. */
    record SinglePoint(SinglePointMethod method) implements TiaMethod {
        @Override
        public String describe() {
            return switch (method) {
                case SinglePointMethod.Haenscheid h -> "single time point (Hänscheid 2018)";
                case SinglePointMethod.Madsen m ->
                    "single time point (Madsen 2018, population T_eff " + m.populationEffectiveHalfLife() + ")";
                case SinglePointMethod.Population p ->
                    "single time point (population prior, " + p.prior().region().label() + ", median T_eff "
                            + Math.round(org.netra.physics.quantity.Times.hours(
                                    p.prior().typicalEffectiveHalfLife()))
                            + " h)";
            };
        }
    }
}

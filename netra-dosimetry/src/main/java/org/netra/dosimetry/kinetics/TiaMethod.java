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

    /**
     * The urinary bladder's rule ({@link BladderKinetics}): the scans integrated as measured, and before the first
     * scan the middle of a linear filling from injection and of all the content present from injection.
     *
     * @param firstScan the first scan's time after injection
     * @param clearanceHalfLife between the first two scans
     * @param beforeLinear the TIA before the first scan for a linear filling
     * @param beforeAtInjection the TIA before the first scan for all the content present from injection
     * @param afterLastScan the tail after the last scan
     */
    record UrinaryBladder(
            java.time.Duration firstScan,
            java.time.Duration clearanceHalfLife,
            org.netra.physics.quantity.TimeIntegratedActivity beforeLinear,
            org.netra.physics.quantity.TimeIntegratedActivity beforeAtInjection,
            org.netra.physics.quantity.TimeIntegratedActivity afterLastScan)
            implements TiaMethod {
        @Override
        public String describe() {
            return String.format(
                    java.util.Locale.ROOT,
                    "urinary bladder: as measured from the first scan on; before it (%.0f h, unmeasured) the middle of"
                            + " a linear filling from an empty bladder and of all present from injection",
                    org.netra.physics.quantity.Times.hours(firstScan));
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
                    "single time point (" + p.basis() + ", "
                            + p.prior().region().label() + ", median T_eff "
                            + Math.round(org.netra.physics.quantity.Times.hours(
                                    p.prior().typicalEffectiveHalfLife()))
                            + " h)";
            };
        }
    }
}

package org.netra.clinical.therapy;

import java.time.Duration;
import java.time.Period;
import org.netra.physics.quantity.Activity;

/**
 * Limits and standard values of a PRRT plan (docs/DOMAIN.md §1): 1–8 cycles 4–6 weeks apart in
 * individualised protocols, or the label's 4 × 7.4 GBq every 8 (± 1) weeks (NETTER-1, SmPC); amino acids
 * (lysine + arginine 25 g each) over 4 h from 30 min before; long-acting somatostatin analogue stopped
 * ≥ 4 weeks before each cycle.
 */
public record PlanRules(
        int minCycles,
        int maxCycles,
        Period minInterval,
        Period maxInterval,
        Activity standardActivity,
        int labelCycles,
        Period labelInterval,
        Period labelIntervalTolerance,
        Duration aminoAcidLead,
        Duration aminoAcidDuration,
        double lysineGrams,
        double arginineGrams,
        Period analoguePause) {
    public static final PlanRules DEFAULTS = new PlanRules(
            1,
            8,
            Period.ofWeeks(4),
            Period.ofWeeks(6),
            Activity.ofGBq(7.4),
            4,
            Period.ofWeeks(8),
            Period.ofWeeks(1),
            Duration.ofMinutes(30),
            Duration.ofHours(4),
            25,
            25,
            Period.ofWeeks(4));
}

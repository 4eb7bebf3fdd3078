package org.netra.clinical.therapy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.netra.physics.quantity.Activity;

/** A course of PRRT: the radiopharmaceutical and its cycles. */
public record PrrtPlan(Radiopharmaceutical radiopharmaceutical, Schedule schedule, List<PlannedCycle> cycles) {
    public enum Schedule {
        /** 4 × 7.4 GBq every 8 weeks (NETTER-1, SmPC). */
        LABEL,
        /** 1–8 cycles 4–6 weeks apart, continued while dosimetry allows (Uppsala/Lund). */
        INDIVIDUALISED
    }

    public PrrtPlan {
        cycles = List.copyOf(cycles);
    }

    public Activity totalActivity() {
        return cycles.stream().map(PlannedCycle::activity).reduce(Activity.ZERO, Activity::plus);
    }

    /** The label schedule from the first administration. */
    public static PrrtPlan label(Radiopharmaceutical rp, LocalDateTime first, PlanRules rules) {
        return build(
                rp, Schedule.LABEL, first, rules.labelCycles(), rules.labelInterval(), rules.standardActivity(), rules);
    }

    /** An individualised schedule; cycles and interval are checked against the rules. */
    public static PrrtPlan individualised(
            Radiopharmaceutical rp,
            LocalDateTime first,
            int cycles,
            Period interval,
            Activity perCycle,
            PlanRules rules) {
        if (cycles < rules.minCycles() || cycles > rules.maxCycles()) {
            throw new IllegalArgumentException("an individualised plan has " + rules.minCycles() + "–"
                    + rules.maxCycles() + " cycles, got " + cycles);
        }
        LocalDateTime a = first.plus(interval);
        if (a.isBefore(first.plus(rules.minInterval())) || a.isAfter(first.plus(rules.maxInterval()))) {
            throw new IllegalArgumentException(
                    "cycles are " + rules.minInterval().getDays() / 7 + "–"
                            + rules.maxInterval().getDays() / 7 + " weeks apart, got " + interval);
        }
        return build(rp, Schedule.INDIVIDUALISED, first, cycles, interval, perCycle, rules);
    }

    private static PrrtPlan build(
            Radiopharmaceutical rp,
            Schedule schedule,
            LocalDateTime first,
            int n,
            Period interval,
            Activity activity,
            PlanRules rules) {
        List<PlannedCycle> list = new ArrayList<>();
        LocalDateTime at = first;
        for (int i = 1; i <= n; i++) {
            list.add(new PlannedCycle(i, at, activity, tasks(at, rules)));
            at = at.plus(interval);
        }
        return new PrrtPlan(rp, schedule, list);
    }

    /** The standard tasks around an administration at {@code at}. */
    public static List<CycleTask> tasks(LocalDateTime at, PlanRules rules) {
        LocalDateTime aaStart = at.minus(rules.aminoAcidLead());
        return List.of(
                new CycleTask.SomatostatinAnaloguePause(at.toLocalDate().minus(rules.analoguePause())),
                new CycleTask.PreCycleLabs(at.toLocalDate().minusWeeks(2), at.toLocalDate()),
                new CycleTask.AminoAcidInfusion(
                        aaStart, aaStart.plus(rules.aminoAcidDuration()), rules.lysineGrams(), rules.arginineGrams()),
                new CycleTask.PostTherapyImaging(List.of(
                        at.plus(Duration.ofHours(24)), at.plus(Duration.ofHours(96)), at.plus(Duration.ofHours(168)))));
    }
}

package org.netra.clinical.therapy;

import java.time.LocalDateTime;
import java.util.List;
import org.netra.physics.quantity.Activity;

/** One cycle of the plan: when, how much, and the tasks around it. */
public record PlannedCycle(int number, LocalDateTime administration, Activity activity, List<CycleTask> tasks) {
    public PlannedCycle {
        if (number < 1) {
            throw new IllegalArgumentException("cycles are numbered from 1, got " + number);
        }
        if (!(activity.inGBq() > 0)) {
            throw new IllegalArgumentException("cycle " + number + " needs an activity above zero");
        }
        tasks = List.copyOf(tasks);
    }
}

package org.netra.clinical.therapy;

import java.util.List;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;

/** Whether to give another cycle, and with how much activity. */
public sealed interface ContinuationAdvice {
    Budget budget();

    /** Where the patient stands after the cycles given. */
    record Budget(
            int cyclesGiven,
            AbsorbedDose cumulativeKidneyBed,
            AbsorbedDose kidneyBedLimit,
            AbsorbedDose cumulativeMarrowDose,
            AbsorbedDose marrowLimit,
            double kidneyGyPerGBq,
            double marrowGyPerGBq) {
        public AbsorbedDose remainingKidneyBed() {
            return AbsorbedDose.ofGy(Math.max(0, kidneyBedLimit.inGy() - cumulativeKidneyBed.inGy()));
        }

        public AbsorbedDose remainingMarrowDose() {
            return AbsorbedDose.ofGy(Math.max(0, marrowLimit.inGy() - cumulativeMarrowDose.inGy()));
        }
    }

    enum Limit {
        NONE,
        KIDNEY,
        MARROW
    }

    /**
     * Give the next cycle with {@code nextActivity} (reduced below the standard when {@code limitedBy} is not
     * NONE); {@code projectedKidneyBed} is the cumulative BED after it. {@code furtherCycles} predicts how many
     * cycles, this one included, the budget still allows at the last cycle's Gy/GBq: full ones, then possibly a
     * last reduced one of {@code lastCycleActivity}.
     */
    record Continue(
            Budget budget,
            Activity nextActivity,
            Limit limitedBy,
            AbsorbedDose projectedKidneyBed,
            AbsorbedDose projectedMarrowDose,
            int furtherCycles,
            Activity lastCycleActivity)
            implements ContinuationAdvice {}

    record Stop(Budget budget, List<String> reasons) implements ContinuationAdvice {}
}

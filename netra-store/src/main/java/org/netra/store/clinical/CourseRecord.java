package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.therapy.PrrtPlan;

/** A course of PRRT: the plan with its cycles, activities and tasks. Room stays are {@code room_booking}s. */
public record CourseRecord(String id, String patientId, PrrtPlan plan) {
    public CourseRecord {
        Keys.require(id, patientId, "PRRT course");
        Objects.requireNonNull(plan, "plan of course " + id);
    }
}

package org.netra.store.clinical;

import java.util.Objects;
import org.netra.clinical.therapy.Dispensing;

/** The radiopharmacist's record of one cycle's dose: batch, calibrated activity, syringe residual. */
public record DispensingRecord(String id, String patientId, String courseId, int cycle, Dispensing dispensing) {
    public DispensingRecord {
        Keys.require(id, patientId, "dispensing record");
        Objects.requireNonNull(courseId, "course of dispensing " + id);
        Objects.requireNonNull(dispensing, "dispensing " + id);
        if (cycle < 1) {
            throw new IllegalArgumentException("cycles are numbered from 1, got " + cycle);
        }
    }

    /** The id of cycle {@code cycle}'s dispensing in {@code courseId}. */
    public static String idOf(String courseId, int cycle) {
        return courseId + "/dispensing-" + cycle;
    }
}

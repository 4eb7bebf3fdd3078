package org.netra.store.clinical;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.safety.DoseRateReading;

/**
 * The nurse's record of one cycle at the bedside: when the infusion was given, when isolation began and ended,
 * and the dose-rate readings at 1 m the release check and the patient's sheet follow from.
 */
public record AdministrationRecord(
        String id,
        String patientId,
        String courseId,
        int cycle,
        LocalDateTime administered,
        Optional<LocalDateTime> isolationStart,
        Optional<LocalDateTime> isolationEnd,
        List<DoseRateReading> readings) {
    public AdministrationRecord {
        Keys.require(id, patientId, "administration record");
        Objects.requireNonNull(courseId, "course of administration " + id);
        Objects.requireNonNull(administered, "administration time of " + id);
        isolationStart = isolationStart == null ? Optional.empty() : isolationStart;
        isolationEnd = isolationEnd == null ? Optional.empty() : isolationEnd;
        readings = readings == null ? List.of() : List.copyOf(readings);
        if (cycle < 1) {
            throw new IllegalArgumentException("cycles are numbered from 1, got " + cycle);
        }
    }

    public static String idOf(String courseId, int cycle) {
        return courseId + "/administration-" + cycle;
    }
}

package org.netra.clinical.safety;

import java.time.LocalDateTime;
import java.util.Objects;

/** A survey-meter reading at 1 m from the patient, at a wall-clock time in the department's zone. */
public record DoseRateReading(LocalDateTime at, DoseRate atOneMetre) {
    public DoseRateReading {
        Objects.requireNonNull(at, "time of the dose-rate reading");
        Objects.requireNonNull(atOneMetre, "dose rate at 1 m");
    }
}

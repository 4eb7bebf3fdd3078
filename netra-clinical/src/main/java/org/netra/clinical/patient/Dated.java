package org.netra.clinical.patient;

import java.time.LocalDate;
import java.util.Objects;

/** A value together with the day it was measured or recorded. */
public record Dated<T>(LocalDate date, T value) {
    public Dated {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(value, "value");
    }
}

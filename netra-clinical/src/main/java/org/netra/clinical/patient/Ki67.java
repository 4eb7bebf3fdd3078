package org.netra.clinical.patient;

import java.time.LocalDate;
import java.util.Objects;

/** Ki-67 proliferation index in percent of tumour cells, with the date of the specimen. */
public record Ki67(double percent, LocalDate date) {
    public Ki67 {
        Objects.requireNonNull(date, "Ki-67 date");
        if (!Double.isFinite(percent) || percent < 0 || percent > 100) {
            throw new InvalidLabValueException("Ki-67 must be a percentage between 0 and 100, got " + percent + " (on "
                    + date + "); give it in percent, not as a fraction");
        }
    }
}

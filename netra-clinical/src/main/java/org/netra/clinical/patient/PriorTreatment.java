package org.netra.clinical.patient;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** A treatment before PRRT; {@code end} is empty while it is ongoing. */
public record PriorTreatment(TreatmentKind kind, LocalDate start, Optional<LocalDate> end, String detail) {
    public PriorTreatment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        end = end == null ? Optional.empty() : end;
        detail = detail == null ? "" : detail;
        if (end.isPresent() && end.get().isBefore(start)) {
            throw new IllegalArgumentException(
                    "prior treatment " + kind + " ends (" + end.get() + ") before it starts (" + start + ")");
        }
    }
}

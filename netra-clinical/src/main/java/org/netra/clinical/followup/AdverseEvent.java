package org.netra.clinical.followup;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** One adverse event after PRRT: the CTCAE term and grade, from onset to resolution (open while ongoing). */
public record AdverseEvent(AdverseEventTerm term, int grade, LocalDate onset, Optional<LocalDate> resolved) {
    public AdverseEvent {
        Objects.requireNonNull(term, "CTCAE term");
        Objects.requireNonNull(onset, "onset date");
        resolved = resolved == null ? Optional.empty() : resolved;
        if (!term.hasGrade(grade)) {
            throw new IllegalArgumentException("CTCAE v5.0 grades " + term.label() + " "
                    + term.grades().stream().sorted().toList() + ", not " + grade);
        }
        if (resolved.isPresent() && resolved.get().isBefore(onset)) {
            throw new IllegalArgumentException(
                    "resolved " + resolved.get() + " is before the onset " + onset + " of " + term.label());
        }
    }

    /** Grade 5 is death related to the event. */
    public boolean fatal() {
        return grade == 5;
    }
}

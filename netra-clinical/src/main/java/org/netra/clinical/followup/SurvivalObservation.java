package org.netra.clinical.followup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** One subject's follow-up time (any consistent unit), whether it ended in the event, and an optional group. */
public record SurvivalObservation(double time, boolean event, String group) {
    public SurvivalObservation {
        if (!Double.isFinite(time) || time < 0) {
            throw new IllegalArgumentException("a survival time must be a finite number ≥ 0, got " + time);
        }
        group = group == null ? "" : group;
    }

    /** Days from {@code start} to the event, or to {@code censoring} when the event has not happened. */
    public static SurvivalObservation ofDates(
            LocalDate start, Optional<LocalDate> event, LocalDate censoring, String group) {
        LocalDate end = event.orElse(censoring);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("follow-up ends (" + end + ") before it starts (" + start + ")");
        }
        return new SurvivalObservation(ChronoUnit.DAYS.between(start, end), event.isPresent(), group);
    }

    /**
     * Progression-free survival: progression or death, whichever first (docs/DOMAIN.md §2).
     * Time to progression: {@code deathCounts} false, so deaths without progression are censored.
     */
    public static SurvivalObservation progression(
            LocalDate start,
            Optional<LocalDate> progression,
            Optional<LocalDate> death,
            LocalDate lastFollowUp,
            boolean deathCounts,
            String group) {
        Optional<LocalDate> event = progression;
        if (deathCounts && death.isPresent() && (event.isEmpty() || death.get().isBefore(event.get()))) {
            event = death;
        }
        LocalDate censoring = !deathCounts && death.isPresent() && progression.isEmpty() ? death.get() : lastFollowUp;
        return ofDates(start, event, censoring, group);
    }
}

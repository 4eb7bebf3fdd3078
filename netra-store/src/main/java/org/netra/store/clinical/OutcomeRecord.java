package org.netra.store.clinical;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.followup.SurvivalObservation;

/** The dates survival is computed from: start of PRRT, progression, death, last follow-up. */
public record OutcomeRecord(
        String id,
        String patientId,
        LocalDate treatmentStart,
        Optional<LocalDate> progression,
        Optional<LocalDate> death,
        LocalDate lastFollowUp) {
    public OutcomeRecord {
        Keys.require(id, patientId, "outcome");
        Objects.requireNonNull(treatmentStart, "treatment start of " + id);
        Objects.requireNonNull(lastFollowUp, "last follow-up of " + id);
        progression = progression == null ? Optional.empty() : progression;
        death = death == null ? Optional.empty() : death;
        if (lastFollowUp.isBefore(treatmentStart)) {
            throw new IllegalArgumentException(
                    "outcome " + id + ": last follow-up " + lastFollowUp + " is before the start " + treatmentStart);
        }
    }

    /** Progression-free survival in days (progression or death). */
    public SurvivalObservation progressionFree(String group) {
        return SurvivalObservation.progression(treatmentStart, progression, death, lastFollowUp, true, group);
    }

    /** Time to progression in days: a death without progression is censored there. */
    public SurvivalObservation timeToProgression(String group) {
        return SurvivalObservation.progression(treatmentStart, progression, death, lastFollowUp, false, group);
    }

    /** Overall survival in days. */
    public SurvivalObservation overall(String group) {
        return SurvivalObservation.ofDates(treatmentStart, death, lastFollowUp, group);
    }
}

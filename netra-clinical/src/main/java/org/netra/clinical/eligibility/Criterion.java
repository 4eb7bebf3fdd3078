package org.netra.clinical.eligibility;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One line of the verdict's explanation: the value found, the threshold it was held against and where
 * that comes from, when it was measured and whether that is too long ago.
 */
public record Criterion(
        String name,
        Status status,
        String value,
        String threshold,
        String source,
        Optional<LocalDate> measured,
        boolean stale,
        String explanation) {
    public enum Status {
        MET,
        NOT_MET,
        /** The rule leaves it to the multidisciplinary team (grey zone, mixed uptake…). */
        TEAM_DECISION,
        /** No value, or one too old to use. */
        MISSING
    }
}

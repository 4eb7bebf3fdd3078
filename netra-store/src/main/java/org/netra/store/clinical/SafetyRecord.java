package org.netra.store.clinical;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.netra.clinical.safety.DoseRate;
import org.netra.clinical.safety.RadiationProtection;

/**
 * Radiation protection after one administration: the measured dose rate at 1 m, the whole-body effective
 * half-life, the release check and the contact restrictions the patient was given.
 */
public record SafetyRecord(
        String id,
        String patientId,
        String courseId,
        int cycle,
        LocalDateTime administered,
        LocalDateTime measuredAt,
        DoseRate atOneMetre,
        Duration effectiveHalfLife,
        RadiationProtection.ReleaseCheck release,
        List<RadiationProtection.Restriction> restrictions) {
    public SafetyRecord {
        Keys.require(id, patientId, "safety record");
        Objects.requireNonNull(administered, "administration time of " + id);
        Objects.requireNonNull(measuredAt, "measurement time of " + id);
        Objects.requireNonNull(atOneMetre, "dose rate of " + id);
        Objects.requireNonNull(effectiveHalfLife, "effective half-life of " + id);
        Objects.requireNonNull(release, "release check of " + id);
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    }
}

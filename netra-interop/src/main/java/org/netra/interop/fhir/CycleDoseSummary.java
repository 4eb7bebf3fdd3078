package org.netra.interop.fhir;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.patient.Sex;
import org.netra.clinical.therapy.Radiopharmaceutical;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Volume;

/**
 * The absorbed doses of one PRRT cycle as netra exchanges them in FHIR ({@link AbsorbedDoseFhir}): who, which
 * administration (radiopharmaceutical, time, activity, the administration event's UID when one is known), and
 * the mean absorbed dose of each region with its 1 SD, the kidneys' effective half-life and BED where computed.
 *
 * @param method how the doses were obtained, in words (the dosimetry record's method text)
 */
public record CycleDoseSummary(
        String patientId,
        String patientName,
        Sex sex,
        LocalDate birthDate,
        int cycle,
        Radiopharmaceutical radiopharmaceutical,
        LocalDateTime administered,
        Activity activity,
        Optional<String> administrationEventUid,
        List<RegionDose> regions,
        String method) {

    /** What a region is, for its body site and for filing: a tumour, an organ, or the two dose-limiting tissues. */
    public enum RegionKind {
        /** The kidneys together (netra's mass-weighted mean of the kidney VOIs): the dose limit applies to it. */
        KIDNEYS,
        /** Red marrow (from blood or image-based dosimetry). */
        RED_MARROW,
        TUMOUR,
        ORGAN
    }

    /**
     * One region's mean absorbed dose, its 1 SD and volume where known, and the kidneys' T_eff and BED where
     * computed.
     */
    public record RegionDose(
            String region,
            RegionKind kind,
            AbsorbedDose mean,
            Optional<AbsorbedDose> standardDeviation,
            Optional<Volume> volume,
            Optional<Duration> effectiveHalfLife,
            Optional<AbsorbedDose> bed) {
        public RegionDose {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("an absorbed dose needs the region it belongs to");
            }
            Objects.requireNonNull(kind, "kind of region " + region);
            Objects.requireNonNull(mean, "absorbed dose of region " + region);
            standardDeviation = standardDeviation == null ? Optional.empty() : standardDeviation;
            volume = volume == null ? Optional.empty() : volume;
            effectiveHalfLife = effectiveHalfLife == null ? Optional.empty() : effectiveHalfLife;
            bed = bed == null ? Optional.empty() : bed;
        }
    }

    public CycleDoseSummary {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("a dose summary needs the patient's id");
        }
        patientName = patientName == null ? "" : patientName;
        Objects.requireNonNull(sex, "sex of patient " + patientId);
        Objects.requireNonNull(birthDate, "birth date of patient " + patientId);
        if (cycle < 1) {
            throw new IllegalArgumentException("cycles are numbered from 1, got " + cycle);
        }
        Objects.requireNonNull(radiopharmaceutical, "radiopharmaceutical of cycle " + cycle);
        Objects.requireNonNull(administered, "administration time of cycle " + cycle);
        Objects.requireNonNull(activity, "administered activity of cycle " + cycle);
        administrationEventUid =
                administrationEventUid == null ? Optional.empty() : administrationEventUid.filter(u -> !u.isBlank());
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("cycle " + cycle + " of patient " + patientId + " has no absorbed dose");
        }
        var names = new HashSet<String>();
        for (RegionDose r : regions) {
            if (!names.add(r.region())) {
                throw new IllegalArgumentException(
                        "region " + r.region() + " has two absorbed doses in cycle " + cycle);
            }
        }
        method = method == null ? "" : method;
    }
}

package org.netra.store.clinical;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netra.clinical.safety.DoseRateReading;

/**
 * The nurse's record of one cycle at the bedside: when the infusion was given, when isolation began and ended,
 * and the dose-rate readings at 1 m the release check and the patient's sheet follow from. When the administration
 * came from a hot lab's or an injector's dose report (RRDSR), the sender's administration event UID, route and
 * injection site are kept as sent, so what netra sends on names the same event.
 *
 * @param eventUid the sender's Radiopharmaceutical Administration Event UID (empty when recorded in netra)
 * @param route the route of administration as the sender coded it (empty when recorded in netra: intravenous)
 * @param site the injection site as the sender coded it, if it did
 */
public record AdministrationRecord(
        String id,
        String patientId,
        String courseId,
        int cycle,
        LocalDateTime administered,
        Optional<LocalDateTime> isolationStart,
        Optional<LocalDateTime> isolationEnd,
        List<DoseRateReading> readings,
        Optional<String> eventUid,
        Optional<Coded> route,
        Optional<Coded> site) {

    /** A coded value as a DICOM SR carries it: code value, coding scheme designator and meaning. */
    public record Coded(String code, String scheme, String meaning) {
        public Coded {
            Objects.requireNonNull(code, "code value");
            Objects.requireNonNull(scheme, "coding scheme of " + code);
            meaning = meaning == null ? "" : meaning;
        }

        @Override
        public String toString() {
            return meaning + " (" + code + ", " + scheme + ")";
        }
    }

    /** A record made in netra (no sender's event UID, route or site). */
    public AdministrationRecord(
            String id,
            String patientId,
            String courseId,
            int cycle,
            LocalDateTime administered,
            Optional<LocalDateTime> isolationStart,
            Optional<LocalDateTime> isolationEnd,
            List<DoseRateReading> readings) {
        this(
                id,
                patientId,
                courseId,
                cycle,
                administered,
                isolationStart,
                isolationEnd,
                readings,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public AdministrationRecord {
        eventUid = eventUid == null ? Optional.empty() : eventUid.filter(u -> !u.isBlank());
        route = route == null ? Optional.empty() : route;
        site = site == null ? Optional.empty() : site;
        Keys.require(id, patientId, "administration record");
        Objects.requireNonNull(courseId, "course of administration " + id);
        Objects.requireNonNull(administered, "administration time of " + id);
        isolationStart = isolationStart == null ? Optional.empty() : isolationStart;
        isolationEnd = isolationEnd == null ? Optional.empty() : isolationEnd;
        readings = readings == null ? List.of() : List.copyOf(readings);
        if (cycle < 1) {
            throw new IllegalArgumentException("cycles are numbered from 1, got " + cycle);
        }
    }

    public static String idOf(String courseId, int cycle) {
        return courseId + "/administration-" + cycle;
    }
}

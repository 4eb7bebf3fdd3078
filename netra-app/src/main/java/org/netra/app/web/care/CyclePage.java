package org.netra.app.web.care;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cycle's work page: the physician's approval, the radiopharmacist's dispensing, the nurse's
 * administration, isolation and dose-rate readings, and the release check they lead to. Each form shows
 * the values as stored (or as typed, when refused, with {@code errors} for {@code errorForm}) and the version
 * it saves against; {@code may*} say which forms this user gets. The dose report (RRDSR) can be downloaded once
 * the administered activity is known, and imported by the radiopharmacist or the nurse.
 */
public record CyclePage(
        String patientId,
        String patientName,
        int cycle,
        int cycles,
        String planned,
        String plannedActivity,
        String approval,
        boolean mayApprove,
        boolean mayDispense,
        Map<String, String> dispensing,
        int dispensingVersion,
        String administeredActivity,
        boolean mayCare,
        Map<String, String> administration,
        int administrationVersion,
        List<Reading> readings,
        Optional<Release> release,
        boolean hasSheet,
        boolean mayImportDoseReport,
        String errorForm,
        Map<String, String> errors,
        String notice) {
    public record Reading(String at, String rate) {}

    /** The release check at the last reading, the half-life it used and the restrictions with end dates. */
    public record Release(
            boolean releasable, List<String> reasons, String halfLife, String from, List<Restriction> restrictions) {}

    public record Restriction(String who, String what, long days, LocalDate until) {}

    /** The error of {@code field} when {@code form} was the one refused, else null (for field.jte). */
    public String error(String form, String field) {
        return form.equals(errorForm) ? errors.get(field) : null;
    }

    public String value(Map<String, String> values, String field) {
        return values.getOrDefault(field, "");
    }

    /**
     * A stored wall-clock time as people read it, to the minute ("2020-08-25 09:30"); the form fields keep the
     * ISO form their datetime-local inputs need.
     */
    public String shownTime(Map<String, String> values, String field) {
        String iso = values.getOrDefault(field, "");
        try {
            return CyclePages.minute(LocalDateTime.parse(iso));
        } catch (DateTimeParseException e) {
            return iso; // not a time (never stored so): shown as it is rather than hidden
        }
    }
}

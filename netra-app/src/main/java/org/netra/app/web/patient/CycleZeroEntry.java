package org.netra.app.web.patient;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.netra.app.cyclezero.PetRegionSuvs;
import org.netra.app.cyclezero.VirtualCycleZero;
import org.netra.app.viewer.Studies;
import org.netra.app.web.input.FieldErrors;
import org.netra.app.web.input.Refused;
import org.netra.dosimetry.cycle.CycleInputException;
import org.netra.dosimetry.cycle.RoleRules;
import org.netra.store.clinical.ClinicalKinds;
import org.netra.store.clinical.CycleZeroRecord;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The physician's entry of a course's virtual cycle 0 from the plan: the PET's date and SUVmeans, checked field by
 * field (a 400 naming each bad field), predicted with the department's predictor in force and stored (audited;
 * a second entry replaces the first over its version).
 */
final class CycleZeroEntry {
    private final Records records;
    private final Studies studies;

    CycleZeroEntry(Records records, Studies studies) {
        this.records = records;
        this.studies = studies;
    }

    /**
     * Predicts and stores; with {@code study} (a held PET study with VOIs) the SUVmeans are measured on it ({@link
     * PetRegionSuvs}) and the typed ones must be left empty, else they are the typed ones.
     */
    Stored<CycleZeroRecord> save(
            String pid,
            String courseId,
            String study,
            String petDate,
            String kidneySuv,
            String spleenSuv,
            String tumourSuvs,
            String cycles,
            String actor) {
        var course = records.find(ClinicalKinds.COURSE, courseId == null ? "" : courseId)
                .filter(c -> c.value().patientId().equals(pid))
                .orElseThrow(() -> Refused.notFound("patient " + pid + " has no course " + courseId));
        var errors = new FieldErrors();
        LocalDate day = null;
        try {
            day = LocalDate.parse(petDate == null ? "" : petDate.strip());
        } catch (DateTimeParseException e) {
            errors.add("petDate", "give the day of the 68Ga PET (YYYY-MM-DD)");
        }
        Optional<PetRegionSuvs> measured = Optional.empty();
        if (study != null && !study.isBlank()) {
            boolean typed = !(blank(kidneySuv) && blank(spleenSuv) && blank(tumourSuvs));
            errors.check(!typed, "study", "measure on a study or type the SUVmeans, not both: empty the typed ones");
            var scene = studies.scene(study.strip());
            if (scene.isEmpty()) {
                errors.add("study", "netra holds no study '" + study.strip() + "'");
            } else if (!typed) {
                try {
                    var m = PetRegionSuvs.measure(scene.get(), RoleRules.DEFAULT);
                    errors.check(
                            m.kidneys().isPresent(),
                            "study",
                            "study " + study.strip() + " has no kidney VOI"
                                    + " (the first activity is proposed from the kidneys): draw them, or type the SUVmeans");
                    measured = Optional.of(m);
                } catch (CycleInputException e) {
                    errors.add("study", e.getMessage());
                }
            }
        }
        Double kidney = positive(
                errors,
                "kidneySuv",
                kidneySuv,
                "the kidneys' SUVmean",
                measured.isEmpty() && (study == null || study.isBlank()));
        Double spleen = positive(errors, "spleenSuv", spleenSuv, "the spleen's SUVmean", false);
        Map<String, Double> tumours = new LinkedHashMap<>();
        if (tumourSuvs != null && !tumourSuvs.isBlank()) {
            for (String part : tumourSuvs.split("[;,\\n]")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                String[] kv = p.split("=");
                Double suv = kv.length == 2 ? parse(kv[1]) : null;
                if (kv.length != 2 || kv[0].isBlank() || suv == null || !(suv > 0)) {
                    errors.add(
                            "tumourSuvs",
                            "write each lesion as LESION=SUVmean, separated by ';' (e.g. L1=24; L2=13)," + " got '" + p
                                    + "'");
                    break;
                }
                tumours.put(kv[0].strip(), suv);
            }
        }
        Integer planned = null;
        try {
            planned = Integer.parseInt(cycles == null || cycles.isBlank() ? "4" : cycles.strip());
            errors.check(planned >= 1 && planned <= 8, "cycles", "planned cycles are 1–8");
        } catch (NumberFormatException e) {
            errors.add("cycles", "planned cycles is a whole number (1–8)");
        }
        errors.throwIfAny();
        var zero = measured.isPresent()
                ? new VirtualCycleZero(records).predict(pid, course.value().id(), day, measured.get(), planned)
                : new VirtualCycleZero(records)
                        .predict(pid, course.value().id(), day, kidney, Optional.ofNullable(spleen), tumours, planned);
        var existing = records.find(ClinicalKinds.CYCLE_ZERO, zero.id());
        return existing.isPresent()
                ? records.update(ClinicalKinds.CYCLE_ZERO, existing.get().version(), zero, actor)
                : records.create(ClinicalKinds.CYCLE_ZERO, zero, actor);
    }

    private static Double positive(FieldErrors errors, String field, String raw, String what, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(field, "give " + what + " (body-weight SUV from the PET)");
            }
            return null;
        }
        Double v = parse(raw);
        errors.check(v != null && v > 0 && v < 500, field, what + " must be a number above 0, got '" + raw + "'");
        return v;
    }

    private static boolean blank(String raw) {
        return raw == null || raw.isBlank();
    }

    private static Double parse(String raw) {
        try {
            return Double.parseDouble(raw.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.netra.store.clinical;

import java.time.LocalDate;
import org.netra.clinical.eligibility.DepartmentLimits;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.eligibility.EligibilityConfig;
import org.netra.store.record.Records;
import org.netra.store.record.Stored;

/**
 * The department's eligibility limits in the store, and the verdict made with them: every assessment is
 * stored naming the settings version it used (0: netra's defaults, never changed by the department).
 */
public final class EligibilityLimits {
    private final Records records;

    public EligibilityLimits(Records records) {
        this.records = records;
    }

    /** The limits in force and their version (version 0 and netra's defaults when none were saved). */
    public Stored<EligibilitySettings> current() {
        return records.find(ClinicalKinds.ELIGIBILITY_SETTINGS, EligibilitySettings.ID)
                .orElse(new Stored<>(new EligibilitySettings(EligibilityConfig.DEFAULTS), 0, null, "netra"));
    }

    /** Saves new limits over version {@code version} (0: the first time); a stale version is refused. */
    public Stored<EligibilitySettings> save(int version, DepartmentLimits limits, String actor) {
        var now = current();
        var settings = new EligibilitySettings(limits.applyTo(now.value().config()));
        return DepartmentSettings.save(
                records, ClinicalKinds.ELIGIBILITY_SETTINGS, EligibilitySettings.ID, now, version, settings, actor);
    }

    /**
     * Assesses the patient's stored chart on {@code asOf} with the limits in force and stores the verdict
     * (id {@code <patient>/eligibility-<date>}, a second one on the same day numbered on).
     */
    public Stored<EligibilityAssessment> assess(String patientId, LocalDate asOf, String actor) {
        var settings = current();
        var chart = PatientChart.load(records, patientId);
        var verdict = new Eligibility(settings.value().config()).assess(chart.candidate(), asOf);
        String id = ClinicalKinds.freeKey(records, ClinicalKinds.ELIGIBILITY, patientId, "eligibility-" + asOf);
        return records.create(
                ClinicalKinds.ELIGIBILITY,
                new EligibilityAssessment(id, patientId, verdict, "", settings.version()),
                actor);
    }
}
